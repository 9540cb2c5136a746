// Valid and invalid snippets for the `unconditional-unpin-impl` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/unconditional-unpin-impl.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'an Unpin impl bounded on the projected parameter',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Logged<F> { name: &'static str, inner: F }
impl<F: Unpin> Unpin for Logged<F> {}
impl<F: Future> Future for Logged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
    },
    {
      name: 'an unconditional impl over a boxed field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Holder<T> { task: Pin<Box<T>> }
impl<T> Unpin for Holder<T> {}
impl<T: Future> Future for Holder<T> {
    type Output = T::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T::Output> {
        self.task.as_mut().poll(cx)
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'impl<F> Unpin with a projected F',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Logged<F> { name: &'static str, inner: F }
impl<F> Unpin for Logged<F> {}
impl<F: Future> Future for Logged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
      errors: [
        { line: 5, column: 1, messageId: 'unboundedUnpin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'a bound that is not Unpin',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Timed<T> { started: u64, task: T }
impl<T: Future> Unpin for Timed<T> {}
impl<T: Future> Future for Timed<T> {
    type Output = T::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        unsafe { Pin::new_unchecked(&mut this.task) }.poll(cx)
    }
}
`,
      errors: [
        { line: 5, column: 1, messageId: 'unboundedUnpin', rustc: null, severity: 'unsound' },
      ],
    },
  ],
});
