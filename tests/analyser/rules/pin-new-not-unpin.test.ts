// Valid and invalid snippets for the `pin-new-not-unpin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-new-not-unpin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'boxed Unpin futures taken from a queue with while let',
      code: `use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn drain(queue: &mut VecDeque<Box<dyn Future<Output = ()> + Unpin>>, cx: &mut Context<'_>) {
    while let Some(mut job) = queue.pop_front() {
        if Pin::new(job.as_mut()).poll(cx) == Poll::Pending {
            queue.push_back(job);
        }
    }
}
`,
    },
    {
      name: 'a generic helper returning an Unpin-bounded future it was given',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
fn take_first<T>(items: &mut Vec<T>) -> T {
    items.remove(0)
}
pub fn drive<G: Future<Output = ()> + Unpin>(mut jobs: Vec<G>, cx: &mut Context<'_>) -> Poll<()> {
    let mut job = take_first(&mut jobs);
    Pin::new(&mut job).poll(cx)
}
`,
    },
    {
      name: 'a stored closure whose future is bounded Unpin',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Pool<B> {
    build: B,
}
impl<B, Fut> Pool<B>
where
    B: Fn(u8) -> Fut,
    Fut: Future<Output = ()> + Unpin,
{
    pub fn step(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut conn = (self.build)(3);
        Pin::new(&mut conn).poll(cx)
    }
}
`,
    },
    {
      name: 'a &dyn Fn returning an Unpin-bounded generic future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn kick<F: Future<Output = u8> + Unpin>(maker: &dyn Fn() -> F, cx: &mut Context<'_>) -> Poll<u8> {
    let mut job = maker();
    Pin::new(&mut job).poll(cx)
}
`,
    },
    {
      name: 'a fragment calling a stored closure whose future is Unpin',
      code: `impl<S, Fut> Service<S>
where
    S: FnMut(String) -> Fut,
    Fut: Future<Output = ()> + Unpin,
{
    fn call_once(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let mut pending = (self.handler)(String::new());
        Pin::new(&mut pending).poll(cx)
    }
}
`,
    },
    {
      name: 'an Unpin-bounded generic',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn once<F: Future + Unpin>(f: &mut F, cx: &mut Context<'_>) -> Poll<F::Output> {
    Pin::new(f).poll(cx)
}
`,
    },
    {
      name: 'std::future::ready, which is Unpin',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn main() {
    let mut r = std::future::ready(1);
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut r).poll(&mut cx);
}
`,
    },
    {
      name: 'a hand-written future with only Unpin fields',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
struct Tick(u8);
impl Future for Tick {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}
fn main() {
    let mut t = Tick(1);
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut t).poll(&mut cx);
}
`,
    },
    {
      name: 'a boxed future pinned with Box::pin',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn load() -> u8 { 1 }
fn main() {
    let mut f = Box::pin(load());
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut f).poll(&mut cx);
}
`,
    },
    {
      name: 'a type whose Unpin impl is bounded',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct W<T> { t: T }
impl<T: Unpin> Unpin for W<T> {}
pub fn f(w: &mut W<u8>) {
    let _p = Pin::new(w);
}
`,
    },
    {
      name: 'Pin::new on elements of a Vec of Unpin futures',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn poll_first<G: Future + Unpin>(jobs: &mut Vec<G>, ready: &mut [bool; 2], cx: &mut Context<'_>) -> bool {
    ready[0] = Pin::new(&mut jobs[0]).poll(cx).is_ready();
    let slot = &mut ready[1];
    *slot = Pin::new(&mut jobs[1]).poll(cx).is_ready();
    ready[0]
}
`,
    },
  ],
  invalid: [
    {
      name: 'Box<dyn Future> taken from a queue with while let, pinned through as_mut',
      code: `use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn drain(queue: &mut VecDeque<Box<dyn Future<Output = ()>>>, cx: &mut Context<'_>) {
    while let Some(mut job) = queue.pop_front() {
        if Pin::new(job.as_mut()).poll(cx) == Poll::Pending {
            queue.push_back(job);
        }
    }
}
`,
      errors: [{ line: 7, column: 12, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a future returned by a generic helper, inferred from its argument',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
fn take_first<T>(items: &mut Vec<T>) -> T {
    items.remove(0)
}
pub fn drive<G: Future<Output = ()>>(mut jobs: Vec<G>, cx: &mut Context<'_>) -> Poll<()> {
    let mut job = take_first(&mut jobs);
    Pin::new(&mut job).poll(cx)
}
`,
      errors: [{ line: 9, column: 5, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a future made by a stored closure field with an Fn(u8) -> Fut bound',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Pool<B> {
    build: B,
}
impl<B, Fut> Pool<B>
where
    B: Fn(u8) -> Fut,
    Fut: Future<Output = ()>,
{
    pub fn step(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut conn = (self.build)(3);
        Pin::new(&mut conn).poll(cx)
    }
}
`,
      errors: [{ line: 14, column: 9, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a future made by a Box<dyn Fn() -> F> parameter',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub fn kick<F: Future<Output = u8>>(maker: Box<dyn Fn() -> F>, cx: &mut Context<'_>) -> Poll<u8> {
    let mut job = maker();
    Pin::new(&mut job).poll(cx)
}
`,
      errors: [{ line: 6, column: 5, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a fragment calling a stored closure of a struct it does not show',
      code: `impl<S, Fut> Service<S>
where
    S: FnMut(String) -> Fut,
    Fut: Future<Output = ()>,
{
    fn call_once(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let mut pending = (self.handler)(String::new());
        Pin::new(&mut pending).poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'an async block',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn main() {
    let mut fut = async { 1 };
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut fut).poll(&mut cx);
}
`,
      errors: [{ line: 7, column: 13, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'the future of an async method',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
struct Api;
impl Api {
    async fn get(&self) -> u8 { 1 }
}
fn main() {
    let api = Api;
    let mut req = api.get();
    let _p = Pin::new(&mut req);
}
`,
      errors: [{ line: 11, column: 14, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a struct holding PhantomPinned through another struct',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
struct Inner { _p: PhantomPinned }
struct Outer { inner: Inner }
fn main() {
    let mut o = Outer { inner: Inner { _p: PhantomPinned } };
    let _p = Pin::new(&mut o);
}
`,
      errors: [{ line: 7, column: 14, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a generic future without an Unpin bound (where clause)',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn once<Fut>(f: &mut Fut, cx: &mut Context<'_>) -> bool
where
    Fut: Future<Output = ()>,
{
    Pin::new(f).poll(cx).is_ready()
}
`,
      errors: [{ line: 8, column: 5, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a generic wrapper built around an async fn future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn fetch() -> u8 { 1 }
struct Timed<F> { inner: F, ticks: u32 }
fn main() {
    let mut t = Timed { inner: fetch(), ticks: 0 };
    let _p = Pin::new(&mut t);
    println!("{}", t.ticks);
}
`,
      errors: [{ line: 8, column: 14, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a generic field of self',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Timed<F> { inner: F }
impl<F: Future> Future for Timed<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        Pin::new(&mut self.inner).poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a fragment polling the result of a function it does not show',
      code: `let mut pending = download(url);
let mut cx = Context::from_waker(Waker::noop());
let _ = Pin::new(&mut pending).poll(&mut cx);
`,
      errors: [
        { line: 3, column: 9, messageId: 'probablyNotUnpin', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'Pin::new inside a macro_rules body, reported on the macro line',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
macro_rules! poll_once {
    ($fut:expr, $cx:expr) => {
        Pin::new(&mut $fut).poll($cx)
    };
}
fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = async { 1 };
    let _ = poll_once!(f, &mut cx);
}
`,
      errors: [
        { line: 6, column: 9, messageId: 'notUnpinInMacro', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'a boxed async fn future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn load() -> String { String::new() }
pub fn boxed() -> Pin<Box<dyn Future<Output = String>>> {
    Pin::new(Box::new(load()))
}
`,
      errors: [{ line: 6, column: 5, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'Pin::new on an element of a Vec of generic futures without an Unpin bound',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Pool<T: Future> { tasks: Vec<T> }
impl<T: Future> Pool<T> {
    pub fn poll_one(&mut self, k: usize, cx: &mut Context<'_>) -> bool {
        Pin::new(&mut self.tasks[k]).poll(cx).is_ready()
    }
}
`,
      errors: [{ line: 7, column: 9, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
  ],
});
