// Valid and invalid snippets for the `pin-receiver-method-unpinned` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-receiver-method-unpinned.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the method called through a pin of the value',
      code: `use std::marker::PhantomPinned;
use std::pin::{pin, Pin};
struct Cursor { buf: [u8; 4], at: *const u8, _p: PhantomPinned }
impl Cursor {
    fn anchor(self: Pin<&mut Self>) {
        let this = unsafe { self.get_unchecked_mut() };
        this.at = this.buf.as_ptr();
    }
}
fn main() {
    let mut c = pin!(Cursor { buf: [1; 4], at: std::ptr::null(), _p: PhantomPinned });
    c.as_mut().anchor();
}
`,
    },
    {
      name: 'a method of the same name with a plain receiver on another type',
      code: `use std::pin::Pin;
struct Meter { ticks: u32 }
struct Gauge { level: u32 }
impl Meter {
    fn bump(self: Pin<&mut Self>) { self.get_mut().ticks += 1; }
}
impl Gauge {
    fn bump(&mut self) { self.level += 1; }
}
fn main() {
    let mut g = Gauge { level: 0 };
    g.bump();
}
`,
    },
    {
      name: 'a Pin<&mut Self> method called on a pinned self inside another method',
      code: `use std::pin::Pin;
struct Counter { n: u64 }
impl Counter {
    fn step(self: Pin<&mut Self>) { self.get_mut().n += 1; }
    fn twice(mut self: Pin<&mut Self>) {
        self.as_mut().step();
        self.step();
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a Pin<&mut Self> method on a plain local',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
struct Cursor { buf: [u8; 4], at: *const u8, _p: PhantomPinned }
impl Cursor {
    fn anchor(self: Pin<&mut Self>) {
        let this = unsafe { self.get_unchecked_mut() };
        this.at = this.buf.as_ptr();
    }
}
fn main() {
    let mut c = Cursor { buf: [1; 4], at: std::ptr::null(), _p: PhantomPinned };
    c.anchor();
}
`,
      errors: [{ line: 12, column: 5, messageId: 'notPinned', rustc: 'E0599', severity: 'error' }],
    },
    {
      name: 'a Pin<&Self> method on a &mut Self receiver, even for an Unpin type',
      code: `use std::pin::Pin;
struct Counter { n: u64 }
impl Counter {
    fn peek(self: Pin<&Self>) -> u64 { self.n }
    fn show(&mut self) -> u64 {
        self.peek()
    }
}
`,
      errors: [{ line: 6, column: 9, messageId: 'notPinned', rustc: 'E0599', severity: 'error' }],
    },
  ],
});
