// Valid and invalid snippets for the `future-poll-needs-pin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/future-poll-needs-pin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'Future::poll on a pinned reference',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn f() -> u8 { 1 }
fn main() {
    let mut fut = Box::pin(f());
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Future::poll(fut.as_mut(), &mut cx);
}
`,
    },
    {
      name: 'a poll associated function of another type',
      code: `pub struct Q;
impl Q {
    pub fn poll(q: &mut Q) -> u8 { let _ = q; 1 }
}
pub fn f(q: &mut Q) -> u8 {
    Q::poll(q)
}
`,
    },
  ],
  invalid: [
    {
      name: 'Future::poll with &mut fut',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn produce() -> u8 { 9 }
fn main() {
    let mut f = produce();
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Future::poll(&mut f, &mut cx);
}
`,
      errors: [
        { line: 8, column: 26, messageId: 'mutRefNotPin', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'F::poll on a &mut F parameter',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn step<F: Future>(f: &mut F, cx: &mut Context<'_>) -> bool {
    F::poll(f, cx).is_ready()
}
`,
      errors: [
        { line: 5, column: 13, messageId: 'mutRefNotPin', rustc: 'E0308', severity: 'error' },
      ],
    },
  ],
});
