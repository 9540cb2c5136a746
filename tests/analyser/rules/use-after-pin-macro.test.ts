// Valid and invalid snippets for the `use-after-pin-macro` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/use-after-pin-macro.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'shadowing the pinned name',
      code: `use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
fn main() {
    let job = async { 42 };
    let mut job = pin!(job);
    let _ = job.as_mut().poll(&mut Context::from_waker(Waker::noop()));
}
`,
    },
    {
      name: 'pinning a copy of a number',
      code: `use std::pin::pin;
fn main() {
    let n = 5u32;
    let p = pin!(n);
    println!("{} {}", n, *p);
}
`,
    },
  ],
  invalid: [
    {
      name: 'using the future after pin! moved it',
      code: `use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
fn main() {
    let job = async { 42 };
    let mut pinned = pin!(job);
    let _ = pinned.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let again = job;
}
`,
      errors: [
        { line: 8, column: 17, messageId: 'movedIntoPin', rustc: 'E0382', severity: 'error' },
      ],
    },
  ],
});
