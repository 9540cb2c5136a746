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
    {
      name: 'a Vec field whose alignment the packing allows (packed(8))',
      code: `#[repr(packed(8))]
pub struct Frame { seq: u32, payload: Vec<u8> }
impl Frame {
    pub fn size(&self) -> usize {
        self.payload.len() + 4
    }
}
`,
    },
    {
      name: 'by-value methods on a Copy field, a copied field, an align-1 field and a Box deref',
      code: `#[repr(packed)]
pub struct Counter { kind: u8, hits: u64, spill: Box<Vec<u64>> }
impl Counter {
    pub fn bump(&mut self) -> u64 {
        self.hits = self.hits.wrapping_add(1);
        let label = { self.hits }.to_string();
        let _kind = self.kind.clone();
        label.len() as u64 + self.spill.len() as u64
    }
}
`,
    },
    {
      name: 'println! of an align-1 field and of a copied field',
      code: `#[repr(packed)]
struct Sample { channel: u8, value: u32 }
fn main() {
    let s = Sample { channel: 2, value: 7 };
    println!("channel {} = {}", s.channel, { s.value });
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
    {
      name: 'a &self method (len) autoref-ing a Vec field of a packed(4) struct',
      code: `#[repr(packed(4))]
pub struct Frame { seq: u32, payload: Vec<u8> }
impl Frame {
    pub fn size(&self) -> usize {
        self.payload.len() + 4
    }
}
`,
      errors: [
        { line: 5, column: 9, messageId: 'unalignedAutoref', rustc: 'E0793', severity: 'error' },
      ],
    },
    {
      name: 'as_mut on a pinned boxed future field of a local packed value',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};
#[repr(C, packed)]
struct Task { tag: u8, fut: Pin<Box<dyn Future<Output = ()>>> }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut t = Task { tag: 1, fut: Box::pin(async {}) };
    let _ = t.fut.as_mut().poll(&mut cx);
}
`,
      errors: [
        { line: 9, column: 13, messageId: 'unalignedAutoref', rustc: 'E0793', severity: 'error' },
      ],
    },
    {
      name: 'println! borrowing a u32 field of a packed struct',
      code: `#[repr(packed)]
struct Sample { channel: u8, value: u32 }
fn main() {
    let s = Sample { channel: 2, value: 7 };
    println!("channel {} = {}", { s.channel }, s.value);
}
`,
      errors: [
        { line: 5, column: 48, messageId: 'unalignedFormat', rustc: 'E0793', severity: 'error' },
      ],
    },
  ],
});
