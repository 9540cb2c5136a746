// Valid and invalid snippets for the `async-recursion-unboxed` rule (invalid compile-error cases checked against rustc 1.95).
import rule from '../../../src/analyser/rules/async-recursion-unboxed.js';
import { testRule } from '../../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'recursion through Box::pin',
      code: `pub async fn countdown(n: u32) -> u32 {
    if n == 0 { return 0; }
    1 + Box::pin(countdown(n - 1)).await
}
`,
    },
    {
      name: 'an explicit stack',
      code: `pub struct Dir { size: u64, subdirs: Vec<Dir> }
pub async fn walk(root: &Dir) -> u64 {
    let mut stack = vec![root];
    let mut total = 0;
    while let Some(d) = stack.pop() {
        total += d.size;
        stack.extend(d.subdirs.iter());
    }
    total
}
`,
    },
    {
      name: 'a fragment delegating to a field with a method of the same name',
      code: `impl Server {
    async fn handle(&self, req: Request) -> Response {
        self.inner.handle(req).await
    }
}
`,
    },
    {
      name: 'recursion under #[async_recursion], which boxes it',
      code: `#[async_recursion::async_recursion]
pub async fn countdown(n: u32) -> u32 {
    if n == 0 { 0 } else { countdown(n - 1).await }
}
`,
    },
    {
      name: 'a method with the same name on another type',
      code: `pub struct Db;
impl Db { pub async fn handle(&self) -> u8 { 1 } }
pub struct Server { db: Db }
impl Server {
    pub async fn handle(&self) -> u8 { self.db.handle().await }
}
`,
    },
    {
      name: 'a bare method fragment (no impl block) boxing its recursive call',
      code: `    pub async fn resolve(&self, key: &str) -> String {
        match self.map.get(key) {
            Some(next) if next != key => Box::pin(self.resolve(next)).await,
            _ => key.to_string(),
        }
    }
`,
    },
    {
      name: 'a bare method fragment (no impl block) delegating to a field',
      code: `    pub async fn fetch(&self, k: u32) -> u32 {
        self.backend.fetch(k).await
    }
`,
    },
  ],
  invalid: [
    {
      name: 'mutual recursion where the second fn first calls itself: the error is on it',
      code: `enum Expr { Num(i64), Neg(Box<Expr>), Add(Box<Expr>, Box<Expr>) }
async fn eval_binary(a: &Expr, b: &Expr) -> i64 {
    eval(a).await + eval(b).await
}
async fn eval(e: &Expr) -> i64 {
    match e {
        Expr::Num(n) => *n,
        Expr::Neg(inner) => -eval(inner).await,
        Expr::Add(a, b) => eval_binary(a, b).await,
    }
}
`,
      errors: [{ line: 5, column: 1, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'a fn that calls itself before the fn it recurses through',
      code: `async fn a(n: u32) -> u32 { if n == 0 { 0 } else { b(n - 1).await } }
async fn b(n: u32) -> u32 { if n == 0 { 0 } else { b(n - 1).await + a(n - 1).await } }
`,
      errors: [{ line: 2, column: 1, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'direct recursion',
      code: `pub async fn countdown(n: u32) -> u32 {
    if n == 0 { return 0; }
    1 + countdown(n - 1).await
}
`,
      errors: [{ line: 1, column: 1, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'a recursive method on children',
      code: `pub struct Tree { value: u64, children: Vec<Tree> }
impl Tree {
    pub async fn total(&self) -> u64 {
        let mut sum = self.value;
        for child in &self.children {
            sum += child.total().await;
        }
        sum
    }
}
`,
      errors: [{ line: 3, column: 5, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'a fragment recursing into children reached from self',
      code: `impl Tree {
    async fn depth(&self) -> usize {
        match &self.left {
            Some(l) => 1 + l.depth().await,
            None => 1,
        }
    }
}
`,
      errors: [{ line: 2, column: 5, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'mutual recursion, reported once on the first function',
      code: `pub async fn is_even(n: u32) -> bool {
    if n == 0 { true } else { is_odd(n - 1).await }
}
pub async fn is_odd(n: u32) -> bool {
    if n == 0 { false } else { is_even(n - 1).await }
}
`,
      errors: [{ line: 1, column: 1, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'a recursive async block',
      code: `use std::future::Future;
pub fn fact(n: u64) -> impl Future<Output = u64> {
    async move {
        if n == 0 { return 1; }
        n * fact(n - 1).await
    }
}
`,
      errors: [
        { line: 3, column: 5, messageId: 'recursiveBlock', rustc: 'E0733', severity: 'error' },
      ],
    },
    {
      name: 'a bare method fragment (no impl block) awaiting itself on self',
      code: `    pub async fn resolve(&self, key: &str) -> String {
        match self.map.get(key) {
            Some(next) if next != key => self.resolve(next).await,
            _ => key.to_string(),
        }
    }
`,
      errors: [{ line: 1, column: 5, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
    {
      name: 'bare method fragments awaiting each other through self',
      code: `    async fn visit(&self, node: usize) -> usize {
        let mut n = 1;
        for &next in &self.edges[node] { n += self.descend(next).await; }
        n
    }
    async fn descend(&self, node: usize) -> usize { self.visit(node).await }
`,
      errors: [{ line: 1, column: 5, messageId: 'recursive', rustc: 'E0733', severity: 'error' }],
    },
  ],
});
