// Valid and invalid snippets for the `poll-unpinned-future` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/poll-unpinned-future.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: "a snippet's own macro that shadows each argument with its pin",
      code: `use std::future::Future;
use std::task::{Context, Poll, Waker};
macro_rules! pinned_here {
    ($($v:ident),+) => {
        $(
            let mut $v = $v;
            #[allow(unused_mut)]
            let mut $v = unsafe { std::pin::Pin::new_unchecked(&mut $v) };
        )+
    };
}
pub fn once<T: Future>(job: T) -> bool {
    pinned_here!(job);
    let mut cx = Context::from_waker(Waker::noop());
    if let Poll::Ready(_) = job.as_mut().poll(&mut cx) {
        return true;
    }
    false
}
`,
    },
    {
      name: 'polling through as_mut on a pinned future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn f() -> u8 { 1 }
fn main() {
    let mut fut = Box::pin(f());
    let mut cx = Context::from_waker(Waker::noop());
    let _ = fut.as_mut().poll(&mut cx);
}
`,
    },
    {
      name: 'a poll method of some other type',
      code: `pub struct Poller;
impl Poller {
    pub fn poll(&mut self, timeout: u64) -> u64 { timeout }
}
pub fn run(p: &mut Poller) -> u64 {
    p.poll(3)
}
`,
    },
    {
      name: 'a fragment calling poll with some other argument',
      code: `let mut poller = make_poller();
let n = poller.poll(&mut events, None);
`,
    },
    {
      name: 'as_mut on an Option',
      code: `pub fn f(o: &mut Option<u8>) {
    if let Some(x) = o.as_mut() { *x += 1; }
}
`,
    },
  ],
  invalid: [
    {
      name: 'polling a field of items taken through iter_mut().rev().filter(..)',
      code: `use std::future::Future;
use std::task::{Context, Poll};
pub struct Job<F> { fut: F, done: bool }
pub fn step_all<F: Future>(jobs: &mut Vec<Job<F>>, cx: &mut Context<'_>) -> usize {
    let mut finished = 0;
    for job in jobs.iter_mut().rev().filter(|j| !j.done) {
        if job.fut.poll(cx).is_ready() {
            job.done = true;
            finished += 1;
        }
    }
    finished
}
`,
      errors: [
        { line: 7, column: 12, messageId: 'pollUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: "a snippet's own macro that re-binds its argument without pinning it",
      code: `use std::future::Future;
use std::task::{Context, Poll, Waker};
macro_rules! keep {
    ($v:ident) => {
        let mut $v = $v;
    };
}
pub fn once<T: Future>(job: T) -> bool {
    keep!(job);
    let mut cx = Context::from_waker(Waker::noop());
    if let Poll::Ready(_) = job.as_mut().poll(&mut cx) {
        return true;
    }
    false
}
`,
      errors: [
        { line: 11, column: 29, messageId: 'asMutUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: 'poll on an async fn future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
async fn compute() -> u64 { 1 }
fn main() {
    let mut fut = compute();
    let mut cx = Context::from_waker(Waker::noop());
    let _ = fut.poll(&mut cx);
}
`,
      errors: [
        { line: 8, column: 13, messageId: 'pollUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: 'as_mut on an async block',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn main() {
    let mut work = async { 3 };
    let mut cx = Context::from_waker(Waker::noop());
    let _ = work.as_mut().poll(&mut cx);
}
`,
      errors: [
        { line: 7, column: 13, messageId: 'asMutUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: 'a fragment polling the result of a function it does not show',
      code: `let mut fut = compute_total();
let mut cx = Context::from_waker(Waker::noop());
let _ = fut.poll(&mut cx);
`,
      errors: [
        { line: 3, column: 9, messageId: 'pollUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: 'poll inside assert_eq!',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
fn main() {
    let mut fut = async { 1 + 1 };
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(fut.poll(&mut cx), Poll::Ready(2));
}
`,
      errors: [
        { line: 7, column: 16, messageId: 'pollUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
    {
      name: 'poll on a generic future taken by value',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub fn try_once<F: Future>(mut fut: F, cx: &mut Context<'_>) -> bool {
    fut.poll(cx).is_ready()
}
`,
      errors: [
        { line: 5, column: 5, messageId: 'pollUnpinned', rustc: 'E0599', severity: 'error' },
      ],
    },
  ],
});
