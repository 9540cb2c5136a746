// Valid and invalid snippets for the `unpin-bound-not-met` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/unpin-bound-not-met.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'an Unpin future passed to an Unpin-bounded fn',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn poll_once<F: Future + Unpin>(fut: &mut F) -> Poll<F::Output> {
    Pin::new(fut).poll(&mut Context::from_waker(Waker::noop()))
}
fn main() {
    let mut r = std::future::ready(1);
    let _ = poll_once(&mut r);
}
`,
    },
    {
      name: 'a pinned future passed as &mut',
      code: `use std::future::Future;
use std::pin::pin;
async fn run<F: Future>(f: F) -> F::Output { f.await }
async fn tick() {}
pub async fn go() {
    let mut t = pin!(tick());
    run(&mut t).await;
}
`,
    },
    {
      name: 'a future passed by value to a Future-bounded fn',
      code: `use std::future::Future;
async fn run<F: Future>(f: F) -> F::Output { f.await }
async fn tick() {}
pub async fn go() {
    run(tick()).await;
}
`,
    },
  ],
  invalid: [
    {
      name: 'an async block passed to an Unpin-bounded fn',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn poll_once<F: Future + Unpin>(fut: &mut F) -> Poll<F::Output> {
    Pin::new(fut).poll(&mut Context::from_waker(Waker::noop()))
}
fn main() {
    let mut job = async { 7 * 6 };
    let _ = poll_once(&mut job);
}
`,
      errors: [{ line: 9, column: 23, messageId: 'needsUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: '&mut of an async fn future passed as a generic future',
      code: `use std::future::Future;
async fn run<F: Future>(f: F) -> F::Output { f.await }
async fn tick() {}
pub async fn go() {
    let mut t = tick();
    run(&mut t).await;
}
`,
      errors: [{ line: 6, column: 9, messageId: 'needsUnpin', rustc: 'E0277', severity: 'error' }],
    },
  ],
});
