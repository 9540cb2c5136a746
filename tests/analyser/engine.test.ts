// The engine: verdict picking, sorting, mapping lines back from fenced blocks, the two user errors,
// rules that throw, and what rustc would not print (borrow-check errors hidden by a type error).
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHECK_INPUT_BYTES, type Severity } from '../../src/core/check.js';
import { isUserError } from '../../src/core/errors.js';
import { createEngine, type Engine } from '../../src/analyser/engine.js';
import { createChecker } from '../../src/analyser/index.js';
import { loadRustParser, type RustParser } from '../../src/analyser/parser.js';
import { defineRule, type Rule } from '../../src/analyser/rule.js';
import { closeOpenBrackets } from '../../src/analyser/syntax.js';

/** A rule that reports every `let` whose name starts with `mark` with the given severity. */
function marker(id: string, severity: Severity, prefix: string, rustc: string | null = null): Rule {
  return defineRule({
    id,
    description: 'test marker',
    severity,
    rustc,
    topic: 'unpin',
    messages: { marked: { message: 'marked {{name}}', fix: 'unmark {{name}}' } },
    query: '(let_declaration pattern: (identifier) @name) @let',
    check(context) {
      for (const match of context.matches) {
        const name = match.node('name');
        if (name?.text.startsWith(prefix))
          context.report({ node: name, messageId: 'marked', data: { name: name.text } });
      }
    },
  });
}

const throwing = defineRule({
  id: 'always-throws',
  description: 'a broken rule',
  severity: 'error',
  rustc: null,
  topic: 'unpin',
  messages: { never: { message: 'never', fix: 'never' } },
  check() {
    throw new Error('boom');
  },
});

let parser: RustParser;

beforeAll(async () => {
  parser = await loadRustParser();
});

function engineOf(rules: Rule[], errors: string[] = []): Engine {
  return createEngine(parser, rules, { onRuleError: (id) => errors.push(id) });
}

describe('verdict', () => {
  it('is ok when nothing is reported, with a hint', () => {
    const result = engineOf([marker('w', 'warning', 'warn')]).check(
      'fn main() {\n    let x = 1;\n}\n',
    );
    expect(result.verdict).toBe('ok');
    expect(result.findings).toEqual([]);
    expect(result.hint).toMatch(/No pinning problems/);
  });

  it('stays ok with warnings and notes', () => {
    const engine = engineOf([marker('w', 'warning', 'warn'), marker('n', 'note', 'note')]);
    const result = engine.check('fn main() {\n    let warn_a = 1;\n    let note_b = 2;\n}\n');
    expect(result.verdict).toBe('ok');
    expect(result.findings.map((f) => f.severity)).toEqual(['warning', 'note']);
  });

  it('is unsound when the worst finding is unsound', () => {
    const engine = engineOf([marker('u', 'unsound', 'bad'), marker('w', 'warning', 'warn')]);
    expect(engine.check('fn main() {\n    let warn_a = 1;\n    let bad_b = 2;\n}\n').verdict).toBe(
      'unsound',
    );
  });

  it('is compile-error when any finding is an error, even after an unsound one', () => {
    const engine = engineOf([marker('u', 'unsound', 'bad'), marker('e', 'error', 'err', 'E0277')]);
    const result = engine.check('fn main() {\n    let bad_a = 1;\n    let err_b = 2;\n}\n');
    expect(result.verdict).toBe('compile-error');
  });

  it('is not-rust for prose, with a hint on how to paste code', () => {
    const result = engineOf([]).check(
      'Hi all, why does my future need to be pinned before polling? Thanks!',
    );
    expect(result.verdict).toBe('not-rust');
    expect(result.hint).toMatch(/```rust/);
  });
});

describe('findings', () => {
  it('are sorted by line, then column, across rules', () => {
    const engine = engineOf([marker('b', 'warning', 'b'), marker('a', 'warning', 'a')]);
    const result = engine.check('fn main() {\n    let b1 = 1; let a1 = 2;\n    let a2 = 3;\n}\n');
    expect(result.findings.map((f) => [f.line, f.column, f.rule])).toEqual([
      [2, 9, 'b'],
      [2, 21, 'a'],
      [3, 9, 'a'],
    ]);
  });

  it('carry the rule, message, fix and topic', () => {
    const [finding] = engineOf([marker('m', 'error', 'x', 'E0382')]).check(
      'fn f() {\n    let x = 1;\n}\n',
    ).findings;
    expect(finding).toEqual({
      rule: 'm',
      severity: 'error',
      rustc: 'E0382',
      line: 2,
      column: 9,
      message: 'marked x',
      fix: 'unmark x',
      topic: 'unpin',
    });
  });

  it('map back to the lines of the chat message a fenced block came in', () => {
    const text = [
      'Why does this fail?',
      '',
      '```rust',
      'fn main() {',
      '    let mark_me = 1;',
      '}',
      '```',
      'and a second one:',
      '```rs',
      'fn g() { let mark_too = 2; }',
      '```',
    ].join('\n');
    const result = engineOf([marker('m', 'warning', 'mark')]).check(text);
    expect(result.findings.map((f) => [f.line, f.column])).toEqual([
      [5, 9],
      [10, 14],
    ]);
  });
});

describe('user errors', () => {
  it('rejects empty input', () => {
    const engine = engineOf([]);
    for (const text of ['', '   \n\t ']) {
      let code = '';
      try {
        engine.check(text);
      } catch (error) {
        code = isUserError(error) ? error.code : 'other';
      }
      expect(code).toBe('empty-input');
    }
  });

  it('rejects input over 64 KiB, counted in bytes', () => {
    const engine = engineOf([]);
    const justFits = 'a'.repeat(MAX_CHECK_INPUT_BYTES);
    expect(() => engine.check(justFits)).not.toThrow();
    let code = '';
    try {
      engine.check('é'.repeat(MAX_CHECK_INPUT_BYTES / 2 + 1));
    } catch (error) {
      code = isUserError(error) ? error.code : 'other';
    }
    expect(code).toBe('input-too-large');
  });
});

describe('robustness', () => {
  it('skips a rule that throws and keeps the other findings', () => {
    const errors: string[] = [];
    const engine = engineOf([throwing, marker('m', 'error', 'x', 'E0277')], errors);
    const result = engine.check('fn f() {\n    let x = 1;\n}\n');
    expect(result.findings.map((f) => f.rule)).toEqual(['m']);
    expect(errors).toEqual(['always-throws']);
  });

  it('does not parse code nested deeper than the bracket limit', () => {
    const engine = engineOf([marker('m', 'error', 'x')]);
    const lines = (char: string): string => `${char.repeat(100)}\n`.repeat(50);
    const code = `fn f() { let x = 1;\n${lines('{')}${lines('}')} }`;
    const analysis = engine.analyse(code);
    expect(analysis.findings).toEqual([]);
    expect(analysis.skipped).toMatch(/nests brackets/);
    const result = engine.check(code);
    expect(result.findings).toEqual([]);
    expect(result.hint).not.toBe('');
  });
  it('reads a fragment cut off before its closing braces as the items it opens', () => {
    const inImpl = defineRule({
      id: 'fn-in-impl',
      description: 'test marker',
      severity: 'error',
      rustc: null,
      topic: 'unpin',
      messages: { marked: { message: 'marked {{name}}', fix: 'unmark {{name}}' } },
      query: '(impl_item body: (declaration_list (function_item name: (identifier) @name)))',
      check(context) {
        for (const match of context.matches) {
          const name = match.node('name');
          if (name) context.report({ node: name, messageId: 'marked', data: { name: name.text } });
        }
      },
    });
    const engine = engineOf([inImpl]);
    const cut =
      'impl Drop for A {\n    fn drop(&mut self) {\n        if self.on() {\n            f(\n';
    expect(engine.analyse(cut).findings.map((f) => [f.line, f.column])).toEqual([[2, 8]]);
  });

  it('closes only brackets that nest, after the code, keeping every offset', () => {
    expect(closeOpenBrackets('fn f() { g(x, [1')).toBe('fn f() { g(x, [1\n])}');
    expect(closeOpenBrackets('fn f() { "{" }')).toBe('fn f() { "{" }');
    expect(closeOpenBrackets('fn f() { // {\n')).toBe('fn f() { // {\n\n}');
    expect(closeOpenBrackets('fn f() { g(x] }')).toBe('fn f() { g(x] }');
  });

  it('does not parse thousands of tiny lines or one huge line', () => {
    const engine = engineOf([marker('m', 'error', 'x')]);
    expect(engine.analyse('let x = 1;\n'.repeat(5000)).skipped).toMatch(/more than 4000 lines/);
    expect(engine.analyse('let x = 1; '.repeat(400)).skipped).toMatch(/line longer than/);
    expect(engine.analyse('fn f() {\n    let x = 1;\n}\n').findings).toHaveLength(1);
  });
});

describe('what rustc would print', () => {
  let checker: Awaited<ReturnType<typeof createChecker>>;

  beforeAll(async () => {
    checker = await createChecker({
      onRuleError: (id, error) => {
        throw new Error(`${id}: ${String(error)}`);
      },
    });
  });

  it('drops borrow-check errors from a body that already has a type error', () => {
    // Public case 010's shape: the E0277 hides the E0594 of `self.remaining -= 1`.
    const code = [
      'use std::future::Future;',
      'use std::pin::Pin;',
      'use std::task::{Context, Poll};',
      'pub struct Timeout<F> { inner: F, remaining: u32 }',
      'impl<F: Future> Future for Timeout<F> {',
      '    type Output = F::Output;',
      "    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {",
      '        self.remaining -= 1;',
      '        Pin::new(&mut self.inner).poll(cx)',
      '    }',
      '}',
    ].join('\n');
    const result = checker.check(code);
    expect(result.findings.map((f) => f.rustc)).toEqual(['E0277']);
    expect(result.findings[0]?.line).toBe(9);
  });

  it('keeps the borrow-check error when the body has no type error', () => {
    const code = [
      'use std::marker::PhantomPinned;',
      'use std::pin::Pin;',
      'pub struct Meter { count: u64, _pin: PhantomPinned }',
      'impl Meter {',
      '    pub fn bump(mut self: Pin<&mut Self>) {',
      '        self.count += 1;',
      '    }',
      '}',
    ].join('\n');
    expect(checker.check(code).findings.map((f) => [f.rustc, f.line])).toEqual([['E0594', 6]]);
  });

  it('explains a pasted compiler error as a compile error', () => {
    const text = [
      'error[E0277]: `{async block@src/main.rs:10:19: 13:6}` cannot be unpinned',
      '  --> src/main.rs:15:20',
      '   |',
      '15 |     match Pin::new(&mut fut).poll(&mut cx) {',
      '   |           -------- ^^^^^^^^ the trait `Unpin` is not implemented for `{async block@src/main.rs:10:19: 13:6}`',
      '   |',
      '   = note: consider using the `pin!` macro',
    ].join('\n');
    const result = checker.check(text);
    expect(result.verdict).toBe('compile-error');
    expect(result.findings[0]?.rustc).toBe('E0277');
  });
});
