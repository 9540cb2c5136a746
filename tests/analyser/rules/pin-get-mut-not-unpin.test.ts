// Valid and invalid snippets for the `pin-get-mut-not-unpin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-get-mut-not-unpin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'get_mut on an Unpin target',
      code: `use std::pin::Pin;
pub struct Plain { n: u8 }
pub fn reset(p: Pin<&mut Plain>) {
    p.get_mut().n = 0;
}
`,
    },
    {
      name: 'get_mut on a RefCell',
      code: `use std::cell::RefCell;
pub fn f(c: &mut RefCell<u8>) {
    *c.get_mut() += 1;
}
`,
    },
    {
      name: 'get_unchecked_mut on a PhantomPinned type',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct T { n: u8, _p: PhantomPinned }
pub fn f(p: Pin<&mut T>) {
    unsafe { p.get_unchecked_mut().n = 0 };
}
`,
    },
  ],
  invalid: [
    {
      name: 'Pin::get_mut on a PhantomPinned type (method call)',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Timer { deadline: u64, _pin: PhantomPinned }
pub fn reset(t: Pin<&mut Timer>, d: u64) {
    let t = t.get_mut();
    t.deadline = d;
}
`,
      errors: [{ line: 5, column: 13, messageId: 'getMut', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'Pin::get_mut as a path call',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Cursor { pos: usize, _pin: PhantomPinned }
pub fn rewind(c: Pin<&mut Cursor>) {
    Pin::get_mut(c).pos = 0;
}
`,
      errors: [{ line: 5, column: 5, messageId: 'getMut', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'get_mut through a &mut Pin<Box<_>>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Tracker { value: u64, _p: PhantomPinned }
pub fn swap_contents(a: &mut Pin<Box<Tracker>>, b: &mut Pin<Box<Tracker>>) {
    std::mem::swap(a.as_mut().get_mut(), b.as_mut().get_mut());
}
`,
      errors: [
        { line: 5, column: 20, messageId: 'getMut', rustc: 'E0277', severity: 'error' },
        { line: 5, column: 42, messageId: 'getMut', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'Pin::into_inner of a pinned box',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Node { v: u8, _pin: PhantomPinned }
pub fn unbox(p: Pin<Box<Node>>) -> Box<Node> {
    Pin::into_inner(p)
}
`,
      errors: [{ line: 5, column: 5, messageId: 'intoInner', rustc: 'E0277', severity: 'error' }],
    },
  ],
});
