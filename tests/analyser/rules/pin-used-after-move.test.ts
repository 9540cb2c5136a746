// Valid and invalid snippets for the `pin-used-after-move` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-used-after-move.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a consumed pin shadowed by a new reborrow of the same name',
      code: `use std::pin::Pin;
pub trait Pump {
    fn step(self: Pin<&mut Self>) -> bool;
}
pub fn twice<P: Pump>(mut outer: Pin<&mut P>) -> bool {
    let p = outer.as_mut();
    let first = p.step();
    let p = outer.as_mut();
    first && p.step()
}
`,
    },
    {
      name: 'a trait method taking &mut self called twice on a pin of an Unpin type',
      code: `use std::pin::Pin;
pub trait Counter {
    fn bump(&mut self) -> u32;
}
pub fn twice<C: Counter + Unpin>(mut c: Pin<&mut C>) -> u32 {
    c.bump() + c.bump()
}
`,
    },
    {
      name: 'reborrowing with as_mut for each call',
      code: `use std::marker::PhantomPinned;
use std::pin::{pin, Pin};
struct Counter { n: u32, _pin: PhantomPinned }
impl Counter {
    fn incr(self: Pin<&mut Self>) { unsafe { self.get_unchecked_mut().n += 1 } }
}
fn main() {
    let mut c = pin!(Counter { n: 0, _pin: PhantomPinned });
    c.as_mut().incr();
    c.as_mut().incr();
}
`,
    },
    {
      name: 'polling in a loop through as_mut',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn spin<F: Future>(mut fut: Pin<&mut F>, cx: &mut Context<'_>) -> F::Output {
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(cx) {
            return v;
        }
    }
}
`,
    },
    {
      name: 'consuming calls in exclusive branches',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn pick<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>, fast: bool) -> bool {
    if fast {
        fut.poll(cx).is_ready()
    } else {
        fut.poll(cx).is_pending()
    }
}
`,
    },
    {
      name: 'a consuming call followed by return',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn once<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>) -> bool {
    loop {
        let r = fut.poll(cx);
        return r.is_ready();
    }
}
`,
    },
    {
      name: 'a fragment calling two different unseen methods on self',
      code: `pub fn run(self: Pin<&mut Self>) {
    self.log();
    self.step();
}
`,
    },
    {
      name: 'Pin<&T> is Copy',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct T { n: u8, _p: PhantomPinned }
impl T {
    fn get(self: Pin<&Self>) -> u8 { self.n }
}
pub fn twice(t: Pin<&T>) -> u8 {
    t.get() + t.get()
}
`,
    },
    {
      name: 'a while-let condition reborrowing self with as_mut, self used after the loop',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Reader { buf: Vec<u8>, pos: usize, _pin: PhantomPinned }
impl Reader {
    fn next_byte(self: Pin<&mut Self>) -> Option<u8> {
        let me = unsafe { self.get_unchecked_mut() };
        let b = me.buf.get(me.pos).copied();
        me.pos += 1;
        b
    }
    pub fn skip_all(mut self: Pin<&mut Self>) -> usize {
        while let Some(_) = self.as_mut().next_byte() {}
        self.pos
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'a method a trait declares with self: Pin<&mut Self>, called twice on a generic pin',
      code: `use std::pin::Pin;
pub trait Pump {
    fn step(self: Pin<&mut Self>) -> bool;
}
pub fn two_steps<P: Pump>(p: Pin<&mut P>) -> bool {
    let first = p.step();
    first && p.step()
}
`,
      errors: [
        { line: 7, column: 14, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a self: Pin<&mut Self> method called twice',
      code: `use std::marker::PhantomPinned;
use std::pin::{pin, Pin};
struct Counter { n: u32, _pin: PhantomPinned }
impl Counter {
    fn incr(self: Pin<&mut Self>) { unsafe { self.get_unchecked_mut().n += 1 } }
}
fn main() {
    let c = pin!(Counter { n: 0, _pin: PhantomPinned });
    c.incr();
    c.incr();
}
`,
      errors: [
        { line: 10, column: 5, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'poll consuming the pin in a loop',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn spin<F: Future>(fut: Pin<&mut F>, cx: &mut Context<'_>) -> F::Output {
    loop {
        match fut.poll(cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => {}
        }
    }
}
`,
      errors: [
        { line: 6, column: 15, messageId: 'movedInLoop', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a pin passed to a function twice',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn drive<F: Future>(f: Pin<&mut F>, cx: &mut Context<'_>) -> bool {
    f.poll(cx).is_ready()
}
pub fn twice<F: Future>(p: Pin<&mut F>, cx: &mut Context<'_>) -> bool {
    let first = drive(p, cx);
    first && drive(p, cx)
}
`,
      errors: [
        { line: 9, column: 20, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a pin moved into a let, then used',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn f<F: Future>(p: Pin<&mut F>, cx: &mut Context<'_>) -> bool {
    let q = p;
    let _ = q;
    p.poll(cx).is_ready()
}
`,
      errors: [
        { line: 7, column: 5, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'self used after get_unchecked_mut',
      code: `use std::pin::Pin;
pub struct S { x: u32, y: u32 }
impl S {
    pub fn f(self: Pin<&mut Self>) -> u32 {
        let this = unsafe { self.get_unchecked_mut() };
        this.x += 1;
        self.y
    }
}
`,
      errors: [
        { line: 7, column: 9, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a fragment polling the same pin-project field twice',
      code: `fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
    let this = self.project();
    let _ = this.left.poll(cx);
    let _ = this.left.poll(cx);
    Poll::Pending
}
`,
      errors: [
        { line: 4, column: 13, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a fragment calling an unseen method twice on self: Pin<&mut Self>',
      code: `pub fn run_two(self: Pin<&mut Self>) {
    self.step();
    self.step();
}
`,
      errors: [
        {
          line: 3,
          column: 5,
          messageId: 'probablyUsedAfterMove',
          rustc: 'E0382',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a fragment calling an unseen method twice on a pinned !Unpin value',
      code: `let c = pin!(Gauge { v: 0, _pin: PhantomPinned });
c.add(1);
c.add(2);
`,
      errors: [
        {
          line: 3,
          column: 1,
          messageId: 'probablyUsedAfterMove',
          rustc: 'E0382',
          severity: 'error',
        },
      ],
    },
    {
      name: 'self consumed in a while-let condition and used after the loop: the loop call is reported',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Reader { buf: Vec<u8>, pos: usize, _pin: PhantomPinned }
impl Reader {
    fn next_byte(self: Pin<&mut Self>) -> Option<u8> {
        let me = unsafe { self.get_unchecked_mut() };
        let b = me.buf.get(me.pos).copied();
        me.pos += 1;
        b
    }
    pub fn skip_all(self: Pin<&mut Self>) -> usize {
        while let Some(_) = self.next_byte() {}
        self.pos
    }
}
`,
      errors: [
        { line: 12, column: 29, messageId: 'movedInLoop', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a pin polled in a loop {} and dropped after it: the loop call is reported',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn spin<F: Future<Output = u8>>(job: Pin<&mut F>, cx: &mut Context<'_>) -> Option<u8> {
    let mut tries = 0;
    loop {
        tries += 1;
        if let Poll::Ready(v) = job.poll(cx) {
            return Some(v);
        }
        if tries > 10 { break; }
    }
    drop(job);
    None
}
`,
      errors: [
        { line: 8, column: 33, messageId: 'movedInLoop', rustc: 'E0382', severity: 'error' },
      ],
    },
    {
      name: 'a pin polled in a for body and reborrowed after it: the later use is reported',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::Context;
pub fn pump<F: Future<Output = ()>>(mut task: Pin<&mut F>, cx: &mut Context<'_>) {
    for _ in 0..4 {
        let _ = task.poll(cx);
    }
    let _ = task.as_mut();
}
`,
      errors: [
        { line: 8, column: 13, messageId: 'usedAfterMove', rustc: 'E0382', severity: 'error' },
      ],
    },
  ],
});
