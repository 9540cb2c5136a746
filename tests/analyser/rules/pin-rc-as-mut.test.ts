// Valid and invalid snippets for the `pin-rc-as-mut` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-rc-as-mut.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'reading through Pin<Rc<_>>',
      code: `use std::pin::Pin;
use std::rc::Rc;
pub fn read(p: Pin<Rc<u8>>) -> u8 {
    *p.as_ref()
}
`,
    },
    {
      name: 'as_mut on Pin<Box<_>>',
      code: `use std::future::Future;
use std::task::{Context, Waker};
fn main() {
    let mut b = Box::pin(async { 7 });
    let _ = b.as_mut().poll(&mut Context::from_waker(Waker::noop()));
}
`,
    },
  ],
  invalid: [
    {
      name: 'polling through Rc::pin',
      code: `use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Waker};
fn main() {
    let mut shared = Rc::pin(async { 7 });
    let mut cx = Context::from_waker(Waker::noop());
    let _ = shared.as_mut().poll(&mut cx);
}
`,
      errors: [{ line: 7, column: 13, messageId: 'sharedPin', rustc: 'E0599', severity: 'error' }],
    },
  ],
});
