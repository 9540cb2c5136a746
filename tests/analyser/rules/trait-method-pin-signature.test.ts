// Valid and invalid snippets for the `trait-method-pin-signature` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/trait-method-pin-signature.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the trait signatures',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct S;
impl Drop for S { fn drop(&mut self) {} }
impl Future for S {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> { Poll::Ready(()) }
}
`,
    },
    {
      name: 'an inherent poll method with &mut self',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct S;
impl S {
    pub fn poll(&mut self, _cx: &mut Context<'_>) -> Poll<()> { Poll::Ready(()) }
}
`,
    },
  ],
  invalid: [
    {
      name: 'drop taking a pinned self',
      code: `use std::pin::Pin;
pub struct Guard { n: u8 }
impl Drop for Guard {
    fn drop(self: Pin<&mut Self>) {}
}
`,
      errors: [{ line: 4, column: 13, messageId: 'pinnedDrop', rustc: 'E0053', severity: 'error' }],
    },
    {
      name: 'poll taking &mut self',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct S;
impl Future for S {
    type Output = ();
    fn poll(&mut self, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}
`,
      errors: [
        { line: 7, column: 13, messageId: 'unpinnedPoll', rustc: 'E0053', severity: 'error' },
      ],
    },
  ],
});
