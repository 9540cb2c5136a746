// Valid and invalid snippets for the `pin-binding-not-mut` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-binding-not-mut.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a mut binding',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn poll_twice<F: Future>(mut fut: Pin<&mut F>, cx: &mut Context<'_>) -> Poll<F::Output> {
    let _ = fut.as_mut().poll(cx);
    fut.as_mut().poll(cx)
}
`,
    },
    {
      name: 'as_mut on an Option, not a pin',
      code: `pub fn f(o: Option<u8>) -> Option<u8> {
    let mut o = o;
    let v = o.as_mut().map(|x| *x);
    v
}
`,
    },
    {
      name: 'destructured pins declared mut',
      code: `use std::future::Future;
use std::pin::pin;
pub async fn both<A: Future, B: Future>(a: A, b: B) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let _ = a.as_mut();
    let _ = b.as_mut();
}
`,
    },
  ],
  invalid: [
    {
      name: 'as_mut on a pin parameter without mut',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn poll_twice<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>) -> Poll<F::Output> {
    let _ = fut.as_mut().poll(cx);
    fut.as_mut().poll(cx)
}
`,
      errors: [{ line: 4, column: 30, messageId: 'notMut', rustc: 'E0596', severity: 'error' }],
    },
    {
      name: 'as_mut on self: Pin<&mut Self> without mut',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct W<F> { inner: Pin<Box<F>> }
impl<F: Future> Future for W<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let _ = self.as_mut();
        Poll::Pending
    }
}
`,
      errors: [{ line: 8, column: 17, messageId: 'notMut', rustc: 'E0596', severity: 'error' }],
    },
    {
      name: 'set on a pin! binding without mut',
      code: `use std::pin::pin;
async fn f() -> u8 { 1 }
fn main() {
    let fut = pin!(f());
    fut.set(f());
}
`,
      errors: [{ line: 5, column: 5, messageId: 'notMut', rustc: 'E0596', severity: 'error' }],
    },
  ],
});
