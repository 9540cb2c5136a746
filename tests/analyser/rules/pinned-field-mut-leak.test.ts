// Valid and invalid snippets for the `pinned-field-mut-leak` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pinned-field-mut-leak.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tuple of a pinned projection and &mut to a plain counter',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Metered<F> { inner: F, polls: u32 }
impl<F: Future> Metered<F> {
    pub fn split(self: Pin<&mut Self>) -> (Pin<&mut F>, &mut u32) {
        let this = unsafe { self.get_unchecked_mut() };
        (unsafe { Pin::new_unchecked(&mut this.inner) }, &mut this.polls)
    }
}
impl<F: Future> Future for Metered<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        this.polls += 1;
        unsafe { Pin::new_unchecked(&mut this.inner) }.poll(cx)
    }
}
`,
    },
    {
      name: 'handing out &mut to a non-structural field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Wrapper<F> { inner: F, count: usize }
impl<F: Future> Wrapper<F> {
    fn count(self: Pin<&mut Self>) -> &mut usize {
        unsafe { &mut self.get_unchecked_mut().count }
    }
}
impl<F: Future> Future for Wrapper<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        *self.as_mut().count() += 1;
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
    },
    {
      name: 'returning a pinned projection',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Traced<F> { inner: F }
impl<F> Traced<F> {
    pub fn inner(self: Pin<&mut Self>) -> Pin<&mut F> {
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }
    }
}
`,
    },
    {
      name: 'handing out &mut to a projected field that is Unpin',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Shell { job: Pin<Box<dyn Future<Output = ()>>> }
impl Shell {
    pub fn job_mut(self: Pin<&mut Self>) -> &mut Pin<Box<dyn Future<Output = ()>>> {
        unsafe { &mut self.get_unchecked_mut().job }
    }
}
impl Future for Shell {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        unsafe { self.map_unchecked_mut(|s| &mut s.job) }.poll(cx)
    }
}
`,
    },
  ],
  invalid: [
    {
      name: '&mut F inside a returned tuple',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Metered<F> { inner: F, polls: u32 }
impl<F: Future> Metered<F> {
    pub fn split(self: Pin<&mut Self>) -> (&mut F, &mut u32) {
        let this = unsafe { self.get_unchecked_mut() };
        (&mut this.inner, &mut this.polls)
    }
}
impl<F: Future> Future for Metered<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        this.polls += 1;
        unsafe { Pin::new_unchecked(&mut this.inner) }.poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 10, messageId: 'leaksMut', severity: 'unsound' }],
    },
    {
      name: '&mut F from Pin<&mut Self>',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Traced<F> { inner: F, label: &'static str }
impl<F> Traced<F> {
    pub fn inner_mut(self: Pin<&mut Self>) -> &mut F {
        unsafe { &mut self.get_unchecked_mut().inner }
    }
}
impl<F: Future> Future for Traced<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
      errors: [{ line: 7, column: 18, messageId: 'leaksMut', rustc: null, severity: 'unsound' }],
    },
    {
      name: 'the &mut made on a later line of the body, through a local',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Deadline<T> { task: T, ticks: u32 }
impl<T: Future> Deadline<T> {
    pub fn task_mut(self: Pin<&mut Self>) -> &mut T {
        let me = unsafe { self.get_unchecked_mut() };
        me.ticks = 0;
        &mut me.task
    }
}
impl<T: Future> Future for Deadline<T> {
    type Output = Option<T::Output>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let me = unsafe { self.get_unchecked_mut() };
        me.ticks += 1;
        unsafe { Pin::new_unchecked(&mut me.task) }.poll(cx).map(Some)
    }
}
`,
      errors: [{ line: 9, column: 9, messageId: 'leaksMut', rustc: null, severity: 'unsound' }],
    },
  ],
});
