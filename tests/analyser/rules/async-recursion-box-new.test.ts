// Valid and invalid snippets for the `async-recursion-box-new` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/async-recursion-box-new.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'Box::pin',
      code: `pub async fn fact(n: u64) -> u64 {
    if n == 0 { return 1; }
    n * Box::pin(fact(n - 1)).await
}
`,
    },
    {
      name: 'Box::new of a different, Unpin future',
      code: `pub async fn run() -> u8 {
    Box::new(std::future::ready(1)).await
}
`,
    },
  ],
  invalid: [
    {
      name: 'Box::new of the recursive call',
      code: `pub async fn fact(n: u64) -> u64 {
    if n == 0 { return 1; }
    n * Box::new(fact(n - 1)).await
}
`,
      errors: [{ line: 3, column: 9, messageId: 'boxNotPin', rustc: 'E0283', severity: 'error' }],
    },
  ],
});
