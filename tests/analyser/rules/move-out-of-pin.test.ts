// Valid and invalid snippets for the `move-out-of-pin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/move-out-of-pin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'copying a Copy value out of a pin',
      code: `use std::pin::Pin;
pub fn get(p: Pin<&u32>) -> u32 {
    *p
}
`,
    },
    {
      name: 'borrowing through the pin',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Doc { title: String, _pin: PhantomPinned }
pub fn title(d: &Pin<Box<Doc>>) -> &str {
    &d.title
}
`,
    },
    {
      name: 'Copy fields read and other fields borrowed through a pinned self',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Limit<F> { fut: F, budget: u32, label: String }
impl<F: Future> Future for Limit<F> {
    type Output = Option<F::Output>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let budget = self.budget;
        let len = self.label.len();
        let _ = self.label;
        let label = &self.label;
        if budget as usize <= len + label.len() {
            return Poll::Ready(None);
        }
        let fut = unsafe { self.map_unchecked_mut(|s| &mut s.fut) };
        fut.poll(cx).map(Some)
    }
}
`,
    },
  ],
  invalid: [
    {
      name: 'moving a struct out of Pin<Box<_>>',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Doc { title: String, _pin: PhantomPinned }
pub fn unwrap_doc(doc: Pin<Box<Doc>>) -> Doc {
    let inner: Doc = *doc;
    inner
}
`,
      errors: [{ line: 5, column: 22, messageId: 'moveOut', rustc: 'E0507', severity: 'error' }],
    },
    {
      name: 'returning *pin',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Frame { data: [u8; 4], _pin: PhantomPinned }
pub fn take(f: Pin<Box<Frame>>) -> Frame {
    *f
}
`,
      errors: [{ line: 5, column: 5, messageId: 'moveOut', rustc: 'E0507', severity: 'error' }],
    },
    {
      name: 'boxing a generic future field taken out of a pinned self',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Retry<Fut> { attempt: Fut, tries: u8 }
impl<Fut: Future> Future for Retry<Fut> {
    type Output = Fut::Output;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Fut::Output> {
        let mut boxed = Box::pin(self.attempt);
        boxed.as_mut().poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 34, messageId: 'moveField', rustc: 'E0507', severity: 'error' }],
    },
    {
      name: 'binding a String field of a pinned box by value',
      code: `use std::marker::PhantomPinned;
use std::pin::Pin;
pub struct Note { body: String, _pin: PhantomPinned }
pub fn body(note: Pin<Box<Note>>) -> usize {
    let text = note.body;
    text.len()
}
`,
      errors: [{ line: 5, column: 16, messageId: 'moveField', rustc: 'E0507', severity: 'error' }],
    },
  ],
});
