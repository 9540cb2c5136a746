// Valid and invalid snippets for the `move-after-pin-new-unchecked` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/move-after-pin-new-unchecked.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'futures pinned in place in a Vec that is never reordered',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Race<F> { runners: Vec<(u8, F)>, done: Vec<bool> }
impl<F: Future> Future for Race<F> {
    type Output = u8;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
        let this = unsafe { self.get_unchecked_mut() };
        for i in 0..this.runners.len() {
            let (id, fut) = &mut this.runners[i];
            if !this.done[i] && unsafe { Pin::new_unchecked(fut) }.poll(cx).is_ready() {
                this.done[i] = true;
                return Poll::Ready(*id);
            }
        }
        Poll::Pending
    }
}
`,
    },
    {
      name: 'a helper fn that pins its argument, called twice on a value that stays put',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn step<F: Future>(fut: &mut F) -> Poll<F::Output> {
    let mut cx = Context::from_waker(Waker::noop());
    unsafe { Pin::new_unchecked(fut) }.poll(&mut cx)
}
async fn job() -> u8 {
    let data = [1u8, 2, 3];
    let first = &data[0];
    std::future::ready(()).await;
    *first
}
pub fn run() -> bool {
    let mut task = job();
    let _ = step(&mut task);
    step(&mut task).is_ready()
}
`,
    },
    {
      name: 'shadowing the pinned binding',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn add(a: u32, b: u32) -> u32 { a + b }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = add(2, 3);
    let mut fut = unsafe { Pin::new_unchecked(&mut fut) };
    let _ = fut.as_mut().poll(&mut cx);
}
`,
    },
    {
      name: 'moving the box that owns the pinned value',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn job() -> u8 { 1 }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut boxed = Box::new(job());
    let _ = unsafe { Pin::new_unchecked(&mut *boxed) }.poll(&mut cx);
    let moved = boxed;
    drop(moved);
}
`,
    },
    {
      name: 'an Unpin value',
      code: `use std::pin::Pin;
struct Counter { n: u32 }
fn main() {
    let mut c = Counter { n: 1 };
    let p = unsafe { Pin::new_unchecked(&mut c) };
    println!("{}", p.n);
    let moved = c;
    println!("{}", moved.n);
}
`,
    },
    {
      name: 'never touching it again',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn job() -> u8 { 1 }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = job();
    let _ = unsafe { Pin::new_unchecked(&mut f) }.poll(&mut cx);
}
`,
    },
  ],
  invalid: [
    {
      name: 'a pin kept in a struct field while the pinned value is moved',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Hold<'a, F> { pin: Pin<&'a mut F>, tries: u32 }
pub fn hand_off<F: Future>(mut fut: F, out: &mut Vec<F>, cx: &mut Context<'_>) -> bool {
    let mut hold = Hold { pin: unsafe { Pin::new_unchecked(&mut fut) }, tries: 0 };
    out.push(fut);
    hold.tries += 1;
    hold.pin.as_mut().poll(cx).is_ready()
}
`,
      errors: [
        { line: 7, column: 14, messageId: 'movedWhileBorrowed', rustc: 'E0505', severity: 'error' },
      ],
    },
    {
      name: 'a future pinned through a destructured &mut v[i], then swap_remove on a field Vec',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Race<F> { runners: Vec<(u8, F)> }
impl<F: Future> Future for Race<F> {
    type Output = u8;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
        let this = unsafe { self.get_unchecked_mut() };
        let mut i = 0;
        while i < this.runners.len() {
            let (id, fut) = &mut this.runners[i];
            let id = *id;
            if unsafe { Pin::new_unchecked(fut) }.poll(cx).is_ready() {
                this.runners.swap_remove(i);
                return Poll::Ready(id);
            }
            i += 1;
        }
        Poll::Pending
    }
}
`,
      errors: [{ line: 14, column: 17, messageId: 'movedAfterPin', severity: 'unsound' }],
    },
    {
      name: 'a helper fn that pins its argument unchecked, then the caller moves the value',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn step<F: Future>(fut: &mut F) -> Poll<F::Output> {
    let mut cx = Context::from_waker(Waker::noop());
    unsafe { Pin::new_unchecked(fut) }.poll(&mut cx)
}
async fn job() -> u8 {
    let data = [1u8, 2, 3];
    let first = &data[0];
    std::future::ready(()).await;
    *first
}
pub fn run() -> bool {
    let mut task = job();
    let _ = step(&mut task);
    let mut moved = task;
    step(&mut moved).is_ready()
}
`,
      errors: [{ line: 17, column: 21, messageId: 'movedAfterPin', severity: 'unsound' }],
    },
    {
      name: 'mem::swap after polling',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn job(n: u8) -> u8 { n }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut a = job(1);
    let mut b = job(2);
    let _ = unsafe { Pin::new_unchecked(&mut a) }.poll(&mut cx);
    std::mem::swap(&mut a, &mut b);
}
`,
      errors: [
        { line: 10, column: 25, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'a let move while the pin is still used',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn work() -> u8 { 1 }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut job = work();
    let pinned = unsafe { Pin::new_unchecked(&mut job) };
    let stolen = job;
    let _ = pinned.poll(&mut cx);
    drop(stolen);
}
`,
      errors: [
        { line: 9, column: 18, messageId: 'movedWhileBorrowed', rustc: 'E0505', severity: 'error' },
      ],
    },
    {
      name: 'returning the pinned future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn work() -> u8 { 1 }
pub fn start() -> impl Future<Output = u8> {
    let mut f = work();
    let mut cx = Context::from_waker(Waker::noop());
    let _ = unsafe { Pin::new_unchecked(&mut f) }.poll(&mut cx);
    f
}
`,
      errors: [
        { line: 9, column: 5, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'moving the struct whose field was pinned',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn job() -> u8 { 1 }
struct Holder<F> { fut: F, tag: u8 }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut h = Holder { fut: job(), tag: 1 };
    let _ = unsafe { Pin::new_unchecked(&mut h.fut) }.poll(&mut cx);
    let moved = h;
    println!("{}", moved.tag);
}
`,
      errors: [
        { line: 10, column: 17, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'pinning an Rc clone, then Rc::get_mut',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
use std::rc::Rc;
struct Node { id: u32, _pin: PhantomPinned }
fn main() {
    let mut owner = Rc::new(Node { id: 1, _pin: PhantomPinned });
    let pinned: Pin<Rc<Node>> = unsafe { Pin::new_unchecked(Rc::clone(&owner)) };
    drop(pinned);
    let inner = Rc::get_mut(&mut owner).unwrap();
    let _moved = std::mem::replace(inner, Node { id: 2, _pin: PhantomPinned });
}
`,
      errors: [
        { line: 9, column: 17, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'pinning with a shared reference, then moving',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
struct Waiter { woken: bool, _pin: PhantomPinned }
fn main() {
    let waiter = Waiter { woken: false, _pin: PhantomPinned };
    let _p = unsafe { Pin::new_unchecked(&waiter) };
    let moved = waiter;
    println!("{}", moved.woken);
}
`,
      errors: [
        { line: 7, column: 17, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'swapping elements of a Vec after pinning one in place',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn work(n: u8) -> u8 { n }
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut tasks = vec![work(1), work(2)];
    let _ = unsafe { Pin::new_unchecked(&mut tasks[0]) }.poll(&mut cx);
    tasks.swap(0, 1);
}
`,
      errors: [
        { line: 9, column: 5, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'moving it back into an Option',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Slot<F> { fut: Option<F> }
impl<F: Future> Future for Slot<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        let mut fut = this.fut.take().expect("polled after completion");
        match unsafe { Pin::new_unchecked(&mut fut) }.poll(cx) {
            Poll::Ready(v) => Poll::Ready(v),
            Poll::Pending => {
                this.fut = Some(fut);
                Poll::Pending
            }
        }
    }
}
`,
      errors: [
        { line: 13, column: 33, messageId: 'movedAfterPin', rustc: null, severity: 'unsound' },
      ],
    },
  ],
});
