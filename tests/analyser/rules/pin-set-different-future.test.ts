// Valid and invalid snippets for the `pin-set-different-future` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-set-different-future.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'set with a future of the same async fn',
      code: `use std::pin::pin;
async fn fetch() -> u32 { 1 }
fn main() {
    let mut job = pin!(fetch());
    job.set(fetch());
}
`,
    },
    {
      name: 'set on a boxed trait object',
      code: `use std::future::Future;
use std::pin::Pin;
async fn a() -> u8 { 1 }
async fn b() -> u8 { 2 }
fn main() {
    let mut job: Pin<Box<dyn Future<Output = u8>>> = Box::pin(a());
    job.set(Box::new(b()));
}
`,
    },
  ],
  invalid: [
    {
      name: 'set with another async fn',
      code: `use std::pin::pin;
async fn fetch() -> u32 { 1 }
async fn fallback() -> u32 { 2 }
fn main() {
    let mut job = pin!(fetch());
    job.set(fallback());
}
`,
      errors: [
        { line: 6, column: 13, messageId: 'otherFuture', rustc: 'E0308', severity: 'error' },
      ],
    },
  ],
});
