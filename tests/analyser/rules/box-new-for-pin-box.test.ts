// Valid and invalid snippets for the `box-new-for-pin-box` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/box-new-for-pin-box.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'Box::pin for a pinned return type',
      code: `use std::future::Future;
use std::pin::Pin;
pub fn job() -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(async { 7 })
}
`,
    },
    {
      name: 'Box::new for a Box return type',
      code: `pub fn job() -> Box<dyn Fn() -> u8> {
    Box::new(|| 1)
}
`,
    },
    {
      name: 'a pinned-box alias built with Box::pin, and a plain-box alias built with Box::new',
      code: `use std::future::Future;
use std::pin::Pin;
pub type Task = Pin<Box<dyn Future<Output = u32> + Send>>;
pub type Thunk = Box<dyn Fn() -> u32 + Send>;
pub fn task(n: u32) -> Task {
    Box::pin(async move { n * 2 })
}
pub fn thunk(n: u32) -> Thunk {
    Box::new(move || n + 1)
}
`,
    },
  ],
  invalid: [
    {
      name: 'Box::new for Pin<Box<dyn Future>>',
      code: `use std::future::Future;
use std::pin::Pin;
pub fn job() -> Pin<Box<dyn Future<Output = u32>>> {
    Box::new(async { 7 })
}
`,
      errors: [
        { line: 4, column: 5, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'Box::new in a struct field typed Pin<Box<..>>',
      code: `use std::future::Future;
use std::pin::Pin;
pub struct Task { name: &'static str, body: Pin<Box<dyn Future<Output = u8>>> }
impl Task {
    pub fn new(name: &'static str) -> Task {
        Task { name, body: Box::new(async { 3 }) }
    }
}
`,
      errors: [
        { line: 6, column: 28, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'Box::new in a typed let',
      code: `use std::future::Future;
use std::pin::Pin;
pub fn f() {
    let job: Pin<Box<dyn Future<Output = u8>>> = Box::new(async { 1 });
    drop(job);
}
`,
      errors: [
        { line: 4, column: 50, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'Box::new in a return statement',
      code: `use std::future::Future;
use std::pin::Pin;
pub fn task(n: u8) -> Pin<Box<dyn Future<Output = u8> + Send>> {
    if n == 0 {
        return Box::new(async { 0 });
    }
    Box::pin(async move { n })
}
`,
      errors: [
        { line: 5, column: 16, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
      ],
    },
    {
      name: 'Box::new returned and bound where an alias of Pin<Box<dyn Future>> is declared',
      code: `use std::future::Future;
use std::pin::Pin;
pub type Task = Pin<Box<dyn Future<Output = u32> + Send>>;
pub fn task(n: u32) -> Task {
    Box::new(async move { n * 2 })
}
pub fn later() -> u32 {
    let t: Task = Box::new(async { 7 });
    drop(t);
    7
}
`,
      errors: [
        { line: 5, column: 5, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
        { line: 8, column: 19, messageId: 'boxForPinBox', rustc: 'E0308', severity: 'error' },
      ],
    },
  ],
});
