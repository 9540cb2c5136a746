// Valid and invalid snippets for the `drop-moves-pinned-field` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/drop-moves-pinned-field.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the inner-drop idiom',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Guarded<F> { fut: Option<F> }
impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let fut = unsafe { self.map_unchecked_mut(|s| &mut s.fut) };
        fut.as_pin_mut().expect("done").poll(cx)
    }
}
impl<F> Drop for Guarded<F> {
    fn drop(&mut self) {
        inner_drop(unsafe { Pin::new_unchecked(self) });
        fn inner_drop<F>(this: Pin<&mut Guarded<F>>) {
            let mut fut = unsafe { this.map_unchecked_mut(|s| &mut s.fut) };
            fut.set(None);
        }
    }
}
`,
    },
    {
      name: 'a Drop that touches only a non-structural field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Watch<F> { fut: F, name: String }
impl<F: Future> Future for Watch<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.fut) }.poll(cx)
    }
}
impl<F> Drop for Watch<F> {
    fn drop(&mut self) {
        let _ = self.name.drain(..);
    }
}
`,
    },
    {
      name: 'a field projected through an unsafe block, while Drop empties another field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub enum Phase<T> { Live(T), Gone }
pub struct Relay<T: Future> { phase: Phase<T>, log: Vec<String> }
impl<T: Future> Future for Relay<T> {
    type Output = Option<T::Output>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let phase = unsafe { &mut self.get_unchecked_mut().phase };
        match phase {
            Phase::Live(t) => unsafe { Pin::new_unchecked(t) }.poll(cx).map(Some),
            Phase::Gone => Poll::Ready(None),
        }
    }
}
impl<T: Future> Drop for Relay<T> {
    fn drop(&mut self) {
        let lines = std::mem::take(&mut self.log);
        drop(lines);
    }
}
`,
    },
    {
      name: 'a cut-off fragment whose Drop takes a field that is not pinned',
      code: `impl<F: Future> Future for Tagged<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        unsafe { Pin::new_unchecked(&mut this.fut) }.poll(cx)
    }
}

impl<F: Future> Drop for Tagged<F> {
    fn drop(&mut self) {
        if let Some(tag) = self.tag.take() {
            println!("dropping {tag}");
        }
`,
    },
  ],
  invalid: [
    {
      name: 'a field projected through let-else, taken out in Drop',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Guarded<F> { inner: Option<F>, parked: Vec<Box<dyn FnOnce()>> }
impl<F: Future> Future for Guarded<F> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = unsafe { self.get_unchecked_mut() };
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(());
        };
        unsafe { Pin::new_unchecked(inner) }.poll(cx).map(|_| ())
    }
}
impl<F> Drop for Guarded<F> {
    fn drop(&mut self) {
        if let Some(left) = self.inner.take() {
            drop(left);
        }
    }
}
`,
      errors: [{ line: 17, column: 29, messageId: 'movedInDrop', severity: 'unsound' }],
    },
    {
      name: 'Option::take of the pinned future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Guarded<F> { fut: Option<F>, name: String }
impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let fut = unsafe { self.map_unchecked_mut(|s| &mut s.fut) };
        fut.as_pin_mut().expect("done").poll(cx)
    }
}
impl<F> Drop for Guarded<F> {
    fn drop(&mut self) {
        if let Some(f) = self.fut.take() {
            drop(f);
        }
    }
}
`,
      errors: [
        { line: 14, column: 26, messageId: 'movedInDrop', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'mem::take of the pinned future',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Watch<F> { fut: Option<F> }
impl<F: Future> Future for Watch<F> {
    type Output = F::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        unsafe { self.map_unchecked_mut(|s| &mut s.fut) }.as_pin_mut().unwrap().poll(cx)
    }
}
impl<F> Drop for Watch<F> {
    fn drop(&mut self) {
        let leftover = std::mem::take(&mut self.fut);
        drop(leftover);
    }
}
`,
      errors: [
        { line: 13, column: 24, messageId: 'movedInDrop', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'an enum field projected through an unsafe block and replaced in Drop',
      code: `use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};
pub enum Phase<T> { Live(T), Gone }
pub struct Relay<T: Future> { phase: Phase<T> }
impl<T: Future> Future for Relay<T> {
    type Output = Option<T::Output>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let phase = unsafe { &mut self.get_unchecked_mut().phase };
        match phase {
            Phase::Live(t) => unsafe { Pin::new_unchecked(t) }.poll(cx).map(Some),
            Phase::Gone => Poll::Ready(None),
        }
    }
}
impl<T: Future> Drop for Relay<T> {
    fn drop(&mut self) {
        let old = mem::replace(&mut self.phase, Phase::Gone);
        drop(old);
    }
}
`,
      errors: [
        { line: 19, column: 19, messageId: 'movedInDrop', rustc: null, severity: 'unsound' },
      ],
    },
    {
      name: 'a cut-off fragment whose Drop moves the pinned future out',
      code: `impl<T: Future> Future for Lingering<T> {
    type Output = T::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T::Output> {
        let job = unsafe { &mut self.get_unchecked_mut().job };
        unsafe { Pin::new_unchecked(job.as_mut().unwrap()) }.poll(cx)
    }
}

impl<T: Future> Drop for Lingering<T> {
    fn drop(&mut self) {
        let rest = self.job.take();
        BACKLOG.with(|b| b.borrow_mut().push(rest));
`,
      errors: [
        { line: 11, column: 20, messageId: 'movedInDrop', rustc: null, severity: 'unsound' },
      ],
    },
  ],
});
