// Valid and invalid snippets for the `unsafe-pin-call-outside-unsafe` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/unsafe-pin-call-outside-unsafe.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'inside an unsafe block',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn poll_local<F: Future>(mut f: F, cx: &mut Context<'_>) -> bool {
    let pinned = unsafe { Pin::new_unchecked(&mut f) };
    pinned.poll(cx).is_ready()
}
`,
    },
    {
      name: 'a slice get_unchecked_mut inside unsafe, and a safe index',
      code: `pub fn f(v: &mut [u8]) {
    unsafe { *v.get_unchecked_mut(0) = 1 };
    v[1] = 2;
}
`,
    },
    {
      name: 'inside an unsafe fn',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub unsafe fn poll_local<F: Future>(f: &mut F, cx: &mut Context<'_>) -> bool {
    Pin::new_unchecked(f).poll(cx).is_ready()
}
`,
    },
    {
      name: 'inside a closure in an unsafe block',
      code: `use std::pin::Pin;
pub fn f(v: &mut Vec<u8>) {
    unsafe {
        v.iter_mut().for_each(|x| {
            let _ = Pin::new_unchecked(x);
        });
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Pin::new_unchecked without unsafe',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn poll_local<F: Future>(mut f: F, cx: &mut Context<'_>) -> bool {
    let pinned = Pin::new_unchecked(&mut f);
    pinned.poll(cx).is_ready()
}
`,
      errors: [
        { line: 5, column: 18, messageId: 'needsUnsafe', rustc: 'E0133', severity: 'error' },
      ],
    },
    {
      name: 'get_unchecked_mut without unsafe',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct T { n: u8, _p: PhantomPinned }
pub fn f(p: Pin<&mut T>) {
    p.get_unchecked_mut().n = 1;
}
`,
      errors: [{ line: 5, column: 5, messageId: 'needsUnsafe', rustc: 'E0133', severity: 'error' }],
    },
  ],
});
