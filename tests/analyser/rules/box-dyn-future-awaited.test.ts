// Valid and invalid snippets for the `box-dyn-future-awaited` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/box-dyn-future-awaited.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a type alias naming a pinned box, awaited in a loop',
      code: `use std::future::Future;
use std::pin::Pin;
type Task = Pin<Box<dyn Future<Output = u32> + Send>>;
pub async fn sum(tasks: Vec<Task>) -> u32 {
    let mut total = 0;
    for task in tasks {
        total += task.await;
    }
    total
}
`,
    },
    {
      name: 'polling Pin::new of a &mut Pin<Box<dyn Future>> item in retain_mut',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::Context;
pub fn tick_all(jobs: &mut Vec<Pin<Box<dyn Future<Output = ()> + Send>>>, cx: &mut Context<'_>) {
    jobs.retain_mut(|job| Pin::new(job).poll(cx).is_pending());
}
`,
    },
    {
      name: 'a pinned box',
      code: `use std::future::Future;
use std::pin::Pin;
fn job() -> Pin<Box<dyn Future<Output = u32>>> { Box::pin(async { 7 }) }
pub async fn run() -> u32 { job().await }
`,
    },
    {
      name: 'Box::into_pin',
      code: `use std::future::Future;
pub async fn run(job: Box<dyn Future<Output = u8>>) -> u8 {
    Box::into_pin(job).await
}
`,
    },
    {
      name: 'a boxed Unpin trait object',
      code: `use std::future::Future;
pub async fn run(job: Box<dyn Future<Output = u8> + Unpin>) -> u8 {
    job.await
}
`,
    },
  ],
  invalid: [
    {
      name: 'a Box<dyn Future> from Option::get_or_insert_with, pinned with Pin::new and polled',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
pub struct Lazy { slot: Option<Box<dyn Future<Output = u8>>> }
impl Lazy {
    pub fn poll_slot(&mut self, cx: &mut Context<'_>) -> Poll<u8> {
        let fut = self.slot.get_or_insert_with(|| Box::new(async { 7 }));
        Pin::new(fut).poll(cx)
    }
}
`,
      errors: [{ line: 8, column: 9, messageId: 'boxPolled', rustc: 'E0599', severity: 'error' }],
    },
    {
      name: 'a boxed future taken apart from a struct in a for pattern, then awaited',
      code: `use std::future::Future;
pub struct Stage { label: String, work: Box<dyn Future<Output = u32>> }
pub async fn total(stages: Vec<Stage>) -> u32 {
    let mut sum = 0;
    for Stage { label, work } in stages {
        sum += work.await;
        drop(label);
    }
    sum
}
`,
      errors: [
        { line: 6, column: 16, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'a fragment: a trait method returning Box<dyn Future>, called on a field of a struct not shown',
      code: `pub trait Fetch {
    fn fetch(&self, id: u32) -> Box<dyn Future<Output = String> + '_>;
}

impl<S: Fetch> Client<S> {
    pub async fn name(&self, id: u32) -> String {
        self.source.fetch(id).await
    }
}
`,
      errors: [
        { line: 7, column: 9, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'a type alias naming a Box<dyn Future>, awaited in a loop',
      code: `use std::future::Future;
type Task = Box<dyn Future<Output = u32> + Send>;
pub async fn sum(tasks: Vec<Task>) -> u32 {
    let mut total = 0;
    for task in tasks {
        total += task.await;
    }
    total
}
`,
      errors: [
        { line: 6, column: 18, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'a fragment: methods pasted without their impl line',
      code: `    fn fetch(&self, id: u32) -> Box<dyn Future<Output = u64> + '_> {
        Box::new(async move { self.base + u64::from(id) })
    }

    pub async fn total(&self) -> u64 {
        self.fetch(1).await + self.fetch(2).await
    }
`,
      errors: [
        { line: 6, column: 9, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
        { line: 6, column: 31, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'polling Pin::new of a &mut Box<dyn Future> item in for_each',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::Context;
pub fn tick_all(jobs: &mut Vec<Box<dyn Future<Output = ()> + Send>>, cx: &mut Context<'_>) {
    jobs.iter_mut().for_each(|job| {
        let _ = Pin::new(job).poll(cx);
    });
}
`,
      errors: [{ line: 6, column: 17, messageId: 'boxPolled', rustc: 'E0599', severity: 'error' }],
    },
    {
      name: 'awaiting a returned Box<dyn Future>',
      code: `use std::future::Future;
fn job() -> Box<dyn Future<Output = u32>> { Box::new(async { 7 }) }
pub async fn run() -> u32 {
    job().await
}
`,
      errors: [
        { line: 4, column: 5, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'awaiting a trait method that returns Box<dyn Future>',
      code: `use std::future::Future;
pub trait Task {
    fn run(&self) -> Box<dyn Future<Output = u8> + '_>;
}
pub async fn go(t: &dyn Task) -> u8 {
    t.run().await
}
`,
      errors: [
        { line: 6, column: 5, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
    {
      name: 'Box::pin of a Box<dyn Future>',
      code: `use std::future::Future;
pub async fn run_boxed(job: Box<dyn Future<Output = u32>>) -> u32 {
    Box::pin(job).await
}
`,
      errors: [{ line: 3, column: 5, messageId: 'boxInPin', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'Pin::new(&mut boxed).poll on a Box<dyn Future> field',
      code: `use std::future::Future;
use std::pin::Pin;
use std::task::Context;
pub struct Job { body: Box<dyn Future<Output = ()>> }
impl Job {
    pub fn step(&mut self, cx: &mut Context<'_>) -> bool {
        Pin::new(&mut self.body).poll(cx).is_ready()
    }
}
`,
      errors: [{ line: 7, column: 9, messageId: 'boxPolled', rustc: 'E0599', severity: 'error' }],
    },
    {
      name: 'passing a Box<dyn Future> to block_on',
      code: `use std::future::Future;
fn block_on<F: Future>(_f: F) -> F::Output { loop {} }
pub fn run(job: Box<dyn Future<Output = u8>>) -> u8 {
    block_on(job)
}
`,
      errors: [{ line: 4, column: 14, messageId: 'boxPassed', rustc: 'E0277', severity: 'error' }],
    },
    {
      name: 'awaiting boxed futures from a Vec',
      code: `use std::future::Future;
pub async fn run_all(jobs: Vec<Box<dyn Future<Output = ()>>>) {
    for job in jobs {
        job.await;
    }
}
`,
      errors: [
        { line: 4, column: 9, messageId: 'boxNotPinned', rustc: 'E0277', severity: 'error' },
      ],
    },
  ],
});
