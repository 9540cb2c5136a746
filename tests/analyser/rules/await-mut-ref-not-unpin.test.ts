// Valid and invalid snippets for the `await-mut-ref-not-unpin` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/await-mut-ref-not-unpin.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'awaiting &mut of an Unpin-bounded future made by an FnMut parameter',
      code: `use std::future::Future;
pub async fn first_ok<G, Fut>(mut factory: G) -> bool
where
    G: FnMut() -> Fut,
    Fut: Future<Output = bool> + Unpin,
{
    let mut job = factory();
    (&mut job).await
}
`,
    },
    {
      name: 'a future pinned with pin!',
      code: `use std::pin::pin;
async fn f() -> u8 { 1 }
pub async fn run() {
    let mut fut = pin!(f());
    let _ = (&mut fut).await;
}
`,
    },
    {
      name: 'a boxed future',
      code: `async fn f() -> u8 { 1 }
pub async fn run() -> u8 {
    let mut fut = Box::pin(f());
    (&mut fut).await
}
`,
    },
    {
      name: 'awaiting the future by value',
      code: `async fn f() -> u8 { 1 }
pub async fn run() -> u8 {
    let fut = f();
    fut.await
}
`,
    },
    {
      name: 'an unknown callee whose result is destructured',
      code: `pub async fn run() {
    let (tx, mut rx) = channel();
    let _ = (&mut rx).await;
}
`,
    },
  ],
  invalid: [
    {
      name: 'awaiting &mut of a future made by a generic FnMut() -> Fut parameter',
      code: `use std::future::Future;
pub async fn first_ok<G, Fut>(mut factory: G) -> bool
where
    G: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let mut job = factory();
    (&mut job).await
}
`,
      errors: [{ line: 8, column: 5, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'an async fn future',
      code: `async fn fetch(n: u32) -> u32 { n }
pub async fn run() {
    let mut download = fetch(3);
    let _ = (&mut download).await;
}
`,
      errors: [{ line: 4, column: 13, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'an async block reused in a loop',
      code: `pub async fn run() {
    let mut timer = async { 1 };
    for _ in 0..2 {
        let _ = (&mut timer).await;
    }
}
`,
      errors: [{ line: 4, column: 17, messageId: 'notUnpin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'a fragment calling a function it does not show',
      code: `let mut job = load_user(7);
let user = (&mut job).await;
`,
      errors: [
        { line: 2, column: 12, messageId: 'probablyNotUnpin', rustc: 'E0277', severity: 'error' },
      ],
    },
  ],
});
