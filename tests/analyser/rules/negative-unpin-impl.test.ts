// Valid and invalid snippets for the `negative-unpin-impl` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/negative-unpin-impl.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'PhantomPinned instead',
      code: `use std::marker::PhantomPinned;
pub struct Guard<T> { v: T, _p: PhantomPinned }
`,
    },
    {
      name: 'a positive impl',
      code: `pub struct Guard<T> { v: T }
impl<T: Unpin> Unpin for Guard<T> {}
`,
    },
  ],
  invalid: [
    {
      name: 'impl !Unpin',
      code: `pub struct Guard<T> { v: T }
impl<T> !Unpin for Guard<T> {}
`,
      errors: [
        { line: 2, column: 1, messageId: 'negativeImpl', rustc: 'E0658', severity: 'error' },
      ],
    },
  ],
});
