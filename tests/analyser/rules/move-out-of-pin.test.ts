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
  ],
});
