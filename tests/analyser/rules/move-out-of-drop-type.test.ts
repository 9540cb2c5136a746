// Valid and invalid snippets for the `move-out-of-drop-type` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/move-out-of-drop-type.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'moving a field out of a type without Drop',
      code: `pub struct Wrap<F> { fut: F }
impl<F> Wrap<F> {
    pub fn into_inner(self) -> F { self.fut }
}
`,
    },
    {
      name: 'copying a Copy field out of a Drop type',
      code: `pub struct Wrap { n: u32 }
impl Drop for Wrap { fn drop(&mut self) {} }
impl Wrap {
    pub fn n(self) -> u32 { self.n }
}
`,
    },
  ],
  invalid: [
    {
      name: 'returning a field of a Drop type',
      code: `pub struct Wrap<F> { fut: F }
impl<F> Drop for Wrap<F> {
    fn drop(&mut self) {}
}
impl<F> Wrap<F> {
    pub fn into_inner(self) -> F {
        self.fut
    }
}
`,
      errors: [
        { line: 7, column: 9, messageId: 'moveOutOfDrop', rustc: 'E0509', severity: 'error' },
      ],
    },
    {
      name: 'destructuring self of a Drop type',
      code: `pub struct Wrap<F> { fut: F, n: u8 }
impl<F> Drop for Wrap<F> {
    fn drop(&mut self) {}
}
impl<F> Wrap<F> {
    pub fn split(self) -> F {
        let Wrap { fut, .. } = self;
        fut
    }
}
`,
      errors: [
        { line: 7, column: 13, messageId: 'moveOutOfDrop', rustc: 'E0509', severity: 'error' },
      ],
    },
  ],
});
