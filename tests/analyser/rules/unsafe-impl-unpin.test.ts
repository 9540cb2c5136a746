// Valid and invalid snippets for the `unsafe-impl-unpin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/unsafe-impl-unpin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a safe impl',
      code: `pub struct Guard<T> { v: T }
impl<T> Unpin for Guard<T> {}
`,
    },
    {
      name: 'an unsafe impl of Send',
      code: `pub struct Guard<T> { v: *mut T }
unsafe impl<T: Send> Send for Guard<T> {}
`,
    },
  ],
  invalid: [
    {
      name: 'unsafe impl Unpin',
      code: `pub struct Guard<T> { v: T }
unsafe impl<T> Unpin for Guard<T> {}
`,
      errors: [{ line: 2, column: 1, messageId: 'unsafeImpl', rustc: 'E0199', severity: 'error' }],
    },
  ],
});
