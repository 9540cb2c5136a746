// Valid and invalid snippets for the `pin-deref-mut-not-unpin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/pin-deref-mut-not-unpin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'replacing the pin itself through &mut Pin<Box<T>>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Node { id: u32, _pin: PhantomPinned }
pub fn renew(slot: &mut Pin<Box<Node>>, id: u32) {
    *slot = Box::pin(Node { id, _pin: PhantomPinned });
    std::mem::swap(slot, &mut Box::pin(Node { id: 0, _pin: PhantomPinned }));
}
`,
    },
    {
      name: 'a fragment: a wrapper of a future bounded by Unpin, its struct not shown',
      code: `impl<Fut: Future + Unpin> Future for Tally<Fut> {
    type Output = Fut::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.seen += 1;
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
    },
    {
      name: 'writes through a pin to an Unpin type',
      code: `use std::pin::Pin;
pub struct Plain { count: u64 }
impl Plain {
    pub fn bump(mut self: Pin<&mut Self>) {
        self.count += 1;
    }
}
`,
    },
    {
      name: 'Pin::set on a !Unpin value',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Timer { deadline: u64, _pin: PhantomPinned }
pub fn reset(mut t: Pin<&mut Timer>, deadline: u64) {
    t.set(Timer { deadline, _pin: PhantomPinned });
}
`,
    },
    {
      name: 'writes through get_unchecked_mut',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Meter { count: u64, _pin: PhantomPinned }
impl Meter {
    pub fn bump(self: Pin<&mut Self>) {
        unsafe { self.get_unchecked_mut().count += 1 };
    }
}
`,
    },
    {
      name: 'a type made Unpin by a bounded generic',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
pub struct Timeout<F> { inner: F, left: u32 }
impl<F: Future + Unpin> Future for Timeout<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.left -= 1;
        Pin::new(&mut self.inner).poll(cx)
    }
}
`,
    },
  ],
  invalid: [
    {
      name: '&mut **r through a &mut Pin<Box<T>>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Node { id: u32, _pin: PhantomPinned }
pub fn exchange(a: &mut Pin<Box<Node>>, b: &mut Pin<Box<Node>>) {
    std::mem::swap(&mut **a, &mut **b);
}
`,
      errors: [
        { line: 5, column: 20, messageId: 'borrowMut', rustc: 'E0596', severity: 'error' },
        { line: 5, column: 30, messageId: 'borrowMut', rustc: 'E0596', severity: 'error' },
      ],
    },
    {
      name: 'a fragment: a wrapper of a generic future, its struct not shown',
      code: `impl<Fut: Future> Future for Tally<Fut> {
    type Output = Fut::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.seen += 1;
        unsafe { self.map_unchecked_mut(|s| &mut s.inner) }.poll(cx)
    }
}
`,
      errors: [{ line: 4, column: 9, messageId: 'assign', rustc: 'E0594', severity: 'error' }],
    },
    {
      name: 'assigning through *pin',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Timer { deadline: u64, _pin: PhantomPinned }
pub fn reset(mut t: Pin<&mut Timer>, deadline: u64) {
    *t = Timer { deadline, _pin: PhantomPinned };
}
`,
      errors: [{ line: 5, column: 5, messageId: 'assign', rustc: 'E0594', severity: 'error' }],
    },
    {
      name: 'a field write in a method on Pin<&mut Self>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Meter { count: u64, _pin: PhantomPinned }
impl Meter {
    pub fn bump(mut self: Pin<&mut Self>) {
        self.count += 1;
    }
}
`,
      errors: [{ line: 6, column: 9, messageId: 'assign', rustc: 'E0594', severity: 'error' }],
    },
    {
      name: '&mut *pin',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Timer { deadline: u64, _pin: PhantomPinned }
fn extend(t: &mut Timer) { t.deadline += 1; }
pub fn snooze(mut t: Pin<&mut Timer>) {
    extend(&mut *t);
}
`,
      errors: [{ line: 6, column: 12, messageId: 'borrowMut', rustc: 'E0596', severity: 'error' }],
    },
    {
      name: 'a mutating method on a field through the pin',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Buf { items: Vec<u8>, _pin: PhantomPinned }
pub fn add(mut b: Pin<&mut Buf>, x: u8) {
    b.items.push(x);
}
`,
      errors: [{ line: 5, column: 5, messageId: 'borrowMut', rustc: 'E0596', severity: 'error' }],
    },
    {
      name: 'a write through &mut Pin<Box<T>>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Entry { key: String, _pin: PhantomPinned }
pub fn rename(e: &mut Pin<Box<Entry>>, key: String) {
    e.key = key;
}
`,
      errors: [{ line: 5, column: 5, messageId: 'assign', rustc: 'E0594', severity: 'error' }],
    },
  ],
});
