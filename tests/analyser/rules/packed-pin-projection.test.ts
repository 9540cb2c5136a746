// Valid and invalid snippets for the `packed-pin-projection` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/packed-pin-projection.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'repr(C) projection',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
#[repr(C)]
pub struct Tagged<F> { tag: u8, fut: F }
impl<F: Future> Future for Tagged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.fut) }.poll(cx)
    }
}
`,
    },
    {
      name: 'packed fields copied by value',
      code: `#[repr(packed)]
pub struct Header { tag: u8, len: u32 }
pub fn total(h: &Header) -> u32 {
    let len = h.len;
    len + h.tag as u32
}
`,
    },
    {
      name: 'a reference to an align-1 field',
      code: `#[repr(packed)]
pub struct Header { tag: u8, len: u32 }
pub fn tag(h: &Header) -> &u8 {
    &h.tag
}
`,
    },
  ],
  invalid: [
    {
      name: 'projecting a generic field of a packed struct',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
#[repr(packed)]
pub struct Tagged<F> { tag: u8, fut: F }
impl<F: Future> Future for Tagged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.fut) }.poll(cx)
    }
}
`,
      errors: [{ line: 9, column: 45, messageId: 'unaligned', rustc: 'E0793', severity: 'error' }],
    },
    {
      name: 'a u64 field in packed(2)',
      code: `use std::pin::Pin;
#[repr(C, packed(2))]
pub struct Wire { kind: u8, count: u64 }
impl Wire {
    pub fn count_mut(self: Pin<&mut Self>) -> Pin<&mut u64> {
        unsafe { self.map_unchecked_mut(|w| &mut w.count) }
    }
}
`,
      errors: [{ line: 6, column: 45, messageId: 'unaligned', rustc: 'E0793', severity: 'error' }],
    },
  ],
});
