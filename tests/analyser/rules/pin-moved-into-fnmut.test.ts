// Valid and invalid snippets for the `pin-moved-into-fnmut` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-moved-into-fnmut.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'reborrowing inside poll_fn',
      code: `use std::future::{poll_fn, Future};
use std::pin::pin;
pub async fn relay<F: Future>(src: F) -> F::Output {
    let mut src = pin!(src);
    poll_fn(|cx| src.as_mut().poll(cx)).await
}
`,
    },
    {
      name: 'a pin used once in a FnOnce context',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::Context;
pub fn run<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>) -> bool {
    let once = move || fut.poll(cx).is_ready();
    once()
}
`,
    },
  ],
  invalid: [
    {
      name: 'a move closure in poll_fn',
      code: `use std::future::{poll_fn, Future};
use std::pin::pin;
pub async fn forward<F: Future>(inner: F) -> F::Output {
    let fut = pin!(inner);
    poll_fn(move |cx| fut.poll(cx)).await
}
`,
      errors: [
        { line: 5, column: 23, messageId: 'movedOutOfCapture', rustc: 'E0507', severity: 'error' },
      ],
    },
    {
      name: 'a borrowing closure in poll_fn',
      code: `use std::future::{poll_fn, Future};
use std::pin::pin;
pub async fn relay<F: Future>(src: F) -> F::Output {
    let mut src = pin!(src);
    poll_fn(|cx| src.poll(cx)).await
}
`,
      errors: [
        { line: 5, column: 18, messageId: 'movedOutOfCapture', rustc: 'E0507', severity: 'error' },
      ],
    },
  ],
});
