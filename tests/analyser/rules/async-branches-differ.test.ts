// Valid and invalid snippets for the `async-branches-differ` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/async-branches-differ.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'awaiting inside the branches',
      code: `async fn a() -> u8 { 1 }
async fn b() -> u8 { 2 }
pub async fn pick(flag: bool) -> u8 {
    if flag { a().await } else { b().await }
}
`,
    },
    {
      name: 'boxing both branches',
      code: `use std::future::Future;
use std::pin::Pin;
async fn a() -> u8 { 1 }
async fn b() -> u8 { 2 }
pub fn pick(flag: bool) -> Pin<Box<dyn Future<Output = u8>>> {
    if flag { Box::pin(a()) } else { Box::pin(b()) }
}
`,
    },
    {
      name: 'the same async fn in both branches',
      code: `use std::future::Future;
async fn a(n: u8) -> u8 { n }
pub fn pick(flag: bool) -> impl Future<Output = u8> {
    if flag { a(1) } else { a(2) }
}
`,
    },
  ],
  invalid: [
    {
      name: 'two async blocks in an if',
      code: `use std::future::Future;
pub fn pick(flag: bool) -> impl Future<Output = u8> {
    if flag {
        async { 1 }
    } else {
        async { 2 }
    }
}
`,
      errors: [
        { line: 6, column: 9, messageId: 'branchesDiffer', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'two async fns in a match',
      code: `async fn a() -> u8 { 1 }
async fn b() -> u8 { 2 }
pub async fn pick(n: u8) -> u8 {
    let fut = match n {
        0 => a(),
        _ => b(),
    };
    fut.await
}
`,
      errors: [
        { line: 6, column: 14, messageId: 'branchesDiffer', rustc: 'E0308', severity: 'error' },
      ],
    },
  ],
});
