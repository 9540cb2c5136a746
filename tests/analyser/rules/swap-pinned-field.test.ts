// Valid and invalid snippets for the `swap-pinned-field` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/swap-pinned-field.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'only a non-structural field, and Pin::set for the pinned one',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Restartable<F> { fut: F, restarts: u32 }
impl<F: Future> Restartable<F> {
    pub fn restart(self: Pin<&mut Self>, fresh: F) {
        let this = unsafe { self.get_unchecked_mut() };
        this.restarts += 1;
        let mut fut = unsafe { Pin::new_unchecked(&mut this.fut) };
        fut.set(fresh);
    }
}
impl<F: Future> Future for Restartable<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.fut) }.poll(cx)
    }
}
`,
    },
    {
      name: 'taking a non-structural Option field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Map<F, G> { fut: F, f: Option<G> }
impl<F: Future, G: FnOnce(F::Output) -> T, T> Future for Map<F, G> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = unsafe { self.get_unchecked_mut() };
        match unsafe { Pin::new_unchecked(&mut this.fut) }.poll(cx) {
            Poll::Ready(v) => Poll::Ready((this.f.take().expect("done"))(v)),
            Poll::Pending => Poll::Pending,
        }
    }
}
`,
    },
    {
      name: 'a Vec of boxed futures',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct All { futs: Vec<Pin<Box<dyn Future<Output = ()>>>> }
impl Future for All {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.futs.retain_mut(|f| f.as_mut().poll(cx).is_pending());
        if self.futs.is_empty() { Poll::Ready(()) } else { Poll::Pending }
    }
}
`,
    },
    {
      name: 'pushing to the unpinned half of a zipped loop',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Batch<T> { seen: Vec<bool>, jobs: Vec<T> }
impl<T: Future<Output = ()>> Batch<T> {
    pub fn note(self: Pin<&mut Self>) {
        let me = unsafe { self.get_unchecked_mut() };
        me.seen.push(false);
    }
}
impl<T: Future<Output = ()>> Future for Batch<T> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = unsafe { self.get_unchecked_mut() };
        for (flag, job) in me.seen.iter_mut().zip(me.jobs.iter_mut()) {
            if !*flag {
                *flag = unsafe { Pin::new_unchecked(job) }.poll(cx).is_ready();
            }
        }
        if me.seen.iter().all(|f| *f) { Poll::Ready(()) } else { Poll::Pending }
    }
}
`,
    },
    {
      name: 'growing the Vec from &mut self before anything is pinned',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Crowd<T> { members: Vec<T> }
impl<T: Future<Output = ()>> Crowd<T> {
    pub fn enlist(&mut self, member: T) {
        self.members.reserve(1);
        self.members.push(member);
    }
}
impl<T: Future<Output = ()>> Future for Crowd<T> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = unsafe { self.get_unchecked_mut() };
        let mut waiting = false;
        for (_, m) in me.members.iter_mut().enumerate() {
            waiting |= unsafe { Pin::new_unchecked(m) }.poll(cx).is_pending();
        }
        if waiting { Poll::Pending } else { Poll::Ready(()) }
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'mem::swap of two pinned fields',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Pair<A> { left: A, right: A }
impl<A: Future<Output = ()>> Pair<A> {
    pub fn flip(self: Pin<&mut Self>) {
        let this = unsafe { self.get_unchecked_mut() };
        std::mem::swap(&mut this.left, &mut this.right);
    }
}
impl<A: Future<Output = ()>> Future for Pair<A> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = unsafe { self.get_unchecked_mut() };
        let l = unsafe { Pin::new_unchecked(&mut this.left) }.poll(cx);
        let r = unsafe { Pin::new_unchecked(&mut this.right) }.poll(cx);
        if l.is_ready() && r.is_ready() { Poll::Ready(()) } else { Poll::Pending }
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'fieldMoved', rustc: null, severity: 'unsound' }],
    },
    {
      name: 'mem::replace with the Pin::map_unchecked_mut path form',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Logged<F> { fut: F, hits: u32 }
impl<F: Future> Logged<F> {
    pub fn take_fut(self: Pin<&mut Self>, replacement: F) -> F {
        let this = unsafe { Pin::get_unchecked_mut(self) };
        std::mem::replace(&mut this.fut, replacement)
    }
}
impl<F: Future> Future for Logged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { Pin::map_unchecked_mut(self, |s| &mut s.fut) }.poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'fieldMoved', rustc: null, severity: 'unsound' }],
    },
    {
      name: 'mem::take of a projected Option',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Slot<F> { inner: Option<F> }
impl<F: Future> Slot<F> {
    pub fn clear(self: Pin<&mut Self>) -> Option<F> {
        let this = unsafe { self.get_unchecked_mut() };
        std::mem::take(&mut this.inner)
    }
}
impl<F: Future> Future for Slot<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let inner = unsafe { self.map_unchecked_mut(|s| &mut s.inner) };
        inner.as_pin_mut().expect("empty").poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'fieldMoved', rustc: null, severity: 'unsound' }],
    },
    {
      name: 'mem::swap of the whole value from get_unchecked_mut',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Anchor { label: u32, _p: PhantomPinned }
pub fn trade(pinned: Pin<&mut Anchor>, other: &mut Anchor) {
    let inner: &mut Anchor = unsafe { pinned.get_unchecked_mut() };
    std::mem::swap(inner, other);
}
`,
      errors: [{ line: 6, column: 5, messageId: 'valueMoved', rustc: null, severity: 'unsound' }],
    },
    {
      name: 'retain_mut shifting pinned elements',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct AllOf<F> { futs: Vec<F> }
impl<F: Future<Output = ()>> Future for AllOf<F> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = unsafe { self.get_unchecked_mut() };
        this.futs.retain_mut(|f| unsafe { Pin::new_unchecked(f) }.poll(cx).is_pending());
        if this.futs.is_empty() { Poll::Ready(()) } else { Poll::Pending }
    }
}
`,
      errors: [
        { line: 9, column: 9, messageId: 'elementsMoved', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'inserting into a Vec whose elements an enumerate loop pins',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Queue<J> { jobs: Vec<J>, finished: usize }
impl<J: Future<Output = ()>> Queue<J> {
    pub fn jump_in(self: Pin<&mut Self>, job: J) {
        let q = unsafe { self.get_unchecked_mut() };
        q.jobs.insert(0, job);
    }
}
impl<J: Future<Output = ()>> Future for Queue<J> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let q = unsafe { self.get_unchecked_mut() };
        for (i, job) in q.jobs.iter_mut().enumerate().skip(q.finished) {
            if unsafe { Pin::new_unchecked(job) }.poll(cx).is_pending() {
                return Poll::Pending;
            }
            q.finished = i + 1;
        }
        Poll::Ready(())
    }
}
`,
      errors: [
        { line: 8, column: 9, messageId: 'elementsMoved', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'reserving on a Vec whose elements map_unchecked_mut pins',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Stages<S> { stages: Vec<S>, at: usize }
impl<S: Future<Output = ()>> Stages<S> {
    pub fn make_room(self: Pin<&mut Self>, more: usize) {
        unsafe { self.get_unchecked_mut() }.stages.reserve(more);
    }
}
impl<S: Future<Output = ()>> Future for Stages<S> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        while self.at < self.stages.len() {
            let at = self.at;
            let stage = unsafe { self.as_mut().map_unchecked_mut(|s| &mut s.stages[at]) };
            if stage.poll(cx).is_pending() {
                return Poll::Pending;
            }
            unsafe { self.as_mut().get_unchecked_mut() }.at += 1;
        }
        Poll::Ready(())
    }
}
`,
      errors: [
        { line: 7, column: 9, messageId: 'elementsMoved', rustc: null, severity: 'unsound' },
      ],
    },
  ],
});
