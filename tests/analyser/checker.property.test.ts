// Property: whatever text arrives (random strings, mutated pin snippets, chat wrappers), the
// checker returns a verdict with sorted, in-range findings and never throws, except the two user
// errors (empty input, input over 64 KiB).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker, CheckResult } from '../../src/core/check.js';
import { isUserError } from '../../src/core/errors.js';
import { createChecker } from '../../src/analyser/index.js';

const examples = fileURLToPath(
  new URL('../../../shared/pincheck-examples/cases/', import.meta.url),
);

const SEEDS = [
  'fn main() {\n    let mut fut = async { 1 };\n    let _ = Pin::new(&mut fut).poll(&mut cx);\n}\n',
  "impl<F: Future> Future for W<F> {\n    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {\n        unsafe { self.map_unchecked_mut(|s| &mut s.f) }.poll(cx)\n    }\n}\n",
  "struct Bad<'a> { data: String, r: &'a str }\nfn f<'a>(data: String) -> Bad<'a> { let r = &data[..]; Bad { data, r } }\n",
  'async fn f(n: u32) -> u32 { if n == 0 { 0 } else { f(n - 1).await } }\n',
  'let c = pin!(Counter { n: 0, _pin: PhantomPinned });\nc.incr();\nc.incr();\n',
];

function seeds(): string[] {
  if (!existsSync(examples)) return SEEDS;
  return [...SEEDS, ...readdirSync(examples).map((file) => readFileSync(examples + file, 'utf8'))];
}

let checker: Checker;
let ruleErrors: string[];

beforeAll(async () => {
  ruleErrors = [];
  checker = await createChecker({
    onRuleError: (id, error) => ruleErrors.push(`${id}: ${String(error)}`),
  });
});

/** Runs the checker; returns the result, or null for the two expected user errors. */
function run(text: string): CheckResult | null {
  try {
    return checker.check(text);
  } catch (error) {
    if (isUserError(error) && (error.code === 'empty-input' || error.code === 'input-too-large'))
      return null;
    throw error;
  }
}

function wellFormed(text: string, result: CheckResult | null): void {
  if (result === null) {
    expect(text.trim() === '' || Buffer.byteLength(text) > 64 * 1024).toBe(true);
    return;
  }
  expect(['ok', 'compile-error', 'unsound', 'not-rust']).toContain(result.verdict);
  const lines = text.split('\n').length;
  for (const finding of result.findings) {
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.line).toBeLessThanOrEqual(lines);
    expect(finding.column).toBeGreaterThanOrEqual(1);
  }
  const order = result.findings.map((f) => [f.line, f.column] as const);
  const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  expect(order).toEqual(sorted);
}

const mutation = (pool: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...pool),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.oneof(
            fc.constant(''),
            fc.constantFrom(
              '{',
              '}',
              '(',
              ')',
              '<',
              '>',
              '...',
              '&mut ',
              '.await',
              'unsafe {',
              '\n',
              '```',
              '&lt;',
            ),
            fc.string({ maxLength: 8 }),
          ),
        ),
        { maxLength: 6 },
      ),
    )
    .map(([base, edits]) =>
      edits.reduce((text, [at, remove, insert]) => {
        const index = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, index) + insert + text.slice(index + remove);
      }, base),
    );

describe('the checker on arbitrary input', () => {
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        wellFormed(text, run(text));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mutated pin snippets', () => {
    const pool = seeds();
    fc.assert(
      fc.property(mutation(pool), (text) => {
        wellFormed(text, run(text));
      }),
      { numRuns: 250 },
    );
    expect(ruleErrors).toEqual([]);
  });

  it('never throws on snippets wrapped in chat messages', () => {
    const pool = seeds();
    fc.assert(
      fc.property(
        fc.constantFrom(...pool),
        fc.constantFrom('```rust\n', '```rs\n', '```\n', '~~~\n', ''),
        fc.string({ maxLength: 40 }),
        (code, fence, prose) => {
          const text = `${prose}\n${fence}${code}${fence ? fence.replace(/\w+/, '') : ''}\n${prose}`;
          wellFormed(text, run(text));
        },
      ),
      { numRuns: 120 },
    );
    expect(ruleErrors).toEqual([]);
  });
});
