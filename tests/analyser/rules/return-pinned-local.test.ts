// Valid and invalid snippets for the `return-pinned-local` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/return-pinned-local.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'returning Box::pin',
      code: `use std::future::Future;
use std::pin::Pin;
pub fn boxed<F: Future>(fut: F) -> Pin<Box<F>> {
    Box::pin(fut)
}
`,
    },
    {
      name: 'Pin::new of a borrowed parameter',
      code: `use std::pin::Pin;
pub fn pin_it(x: &mut u8) -> Pin<&mut u8> {
    Pin::new(x)
}
`,
    },
  ],
  invalid: [
    {
      name: 'returning pin! of a parameter',
      code: `use std::future::Future;
use std::pin::{pin, Pin};
pub fn ready_to_poll<F: Future>(fut: F) -> Pin<&'static mut F> {
    pin!(fut)
}
`,
      errors: [
        { line: 4, column: 5, messageId: 'returnsStackPin', rustc: 'E0515', severity: 'error' },
      ],
    },
    {
      name: 'returning Pin::new of a local',
      code: `use std::pin::Pin;
pub fn make<'a>() -> Pin<&'a mut u32> {
    let mut n = 1;
    let p = Pin::new(&mut n);
    p
}
`,
      errors: [
        { line: 5, column: 5, messageId: 'returnsStackPin', rustc: 'E0515', severity: 'error' },
      ],
    },
  ],
});
