// The pin-checker's figures for `npm run bench` (also runnable alone: `tsx scripts/bench-check.ts`):
// parser load time, p50/p99 per snippet over the labelled examples once the parser is loaded,
// p50/p99 over 200-line snippets, and the worst case over adversarial inputs, each of which must
// finish under 200 ms without a crash. Everything goes through `check()`, extraction included.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CHECK_INPUT_BYTES, type Checker } from '../src/core/check.js';
import { isUserError } from '../src/core/errors.js';
import { createChecker } from '../src/analyser/index.js';
import { loadRustParser } from '../src/analyser/parser.js';

const ADVERSARIAL_LIMIT_MS = 200;
const SNIPPET_P99_TARGET_MS = 10;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

function examples(): string[] {
  const dir = fileURLToPath(new URL('../../shared/pincheck-examples/cases/', import.meta.url));
  const own = fileURLToPath(new URL('../tests/fixtures/pincheck/cases/', import.meta.url));
  return [dir, own]
    .filter((path) => existsSync(path))
    .flatMap((path) => readdirSync(path).map((file) => readFileSync(path + file, 'utf8')));
}

/** Up to 64 KiB: `text` repeated (and cut) to fill the budget. */
function fill(text: string, bytes = MAX_CHECK_INPUT_BYTES): string {
  return text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes);
}

function adversarial(): [string, string][] {
  const depth = Math.floor((MAX_CHECK_INPUT_BYTES - 12) / 5);
  return [
    ['64 KiB of nested parentheses', fill('(')],
    [
      '64 KiB of nested braces',
      fill('{', MAX_CHECK_INPUT_BYTES / 2) + fill('}', MAX_CHECK_INPUT_BYTES / 2),
    ],
    ['10 000 short lines', 'a();\n'.repeat(10_000)],
    ['10 000 short lines of statements', 'let a=b;\n'.repeat(7_000)],
    ['a single 64 KiB line', fill('let x = y.z(&mut w); ')],
    ['unbalanced fences', fill('```rust\nfn f() {\n```\n~~~\n```rs\nlet x = async {\n')],
    ['deeply nested generics', `type T = ${'Vec<'.repeat(depth)}u8${'>'.repeat(depth)};`],
    [
      '64 KiB of a pasted compiler error',
      fill('error[E0277]: `{async block}` cannot be unpinned\n  --> src/main.rs:15:20\n   |\n'),
    ],
  ];
}

/** Runs `text` through the checker; the only acceptable exceptions are the two user errors. */
function timed(checker: Checker, text: string): { ms: number; outcome: string } {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = checker.check(text).verdict;
  } catch (error) {
    outcome = isUserError(error) ? `user error ${error.code}` : `CRASH: ${String(error)}`;
  }
  return { ms: performance.now() - started, outcome };
}

export async function benchChecker(): Promise<string[]> {
  const lines: string[] = [];
  const loadStart = performance.now();
  await loadRustParser();
  const loadMs = performance.now() - loadStart;
  const buildStart = performance.now();
  const checker = await createChecker();
  const buildMs = performance.now() - buildStart;
  lines.push(
    `checker: parser load ${loadMs.toFixed(1)} ms, rule queries compiled in ${buildMs.toFixed(1)} ms`,
  );

  const snippets = examples();
  if (snippets.length > 0) {
    for (const snippet of snippets) checker.check(snippet); // warm-up
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const snippet of snippets) times.push(timed(checker, snippet).ms);
    }
    times.sort((a, b) => a - b);
    const p99 = percentile(times, 99);
    lines.push(
      `checker: ${snippets.length} example snippets x 5, p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${(times.at(-1) ?? 0).toFixed(2)} ms` +
        (p99 < SNIPPET_P99_TARGET_MS ? '' : ` (over the ${SNIPPET_P99_TARGET_MS} ms target)`),
    );
    // 200-line snippets: consecutive examples joined until they reach 200 lines.
    const long: string[] = [];
    let current: string[] = [];
    for (const snippet of [...snippets, ...snippets]) {
      current.push(...snippet.split('\n'));
      if (current.length >= 200) {
        long.push(current.slice(0, 200).join('\n'));
        current = [];
      }
    }
    const longTimes: number[] = [];
    for (let round = 0; round < 3; round++)
      for (const snippet of long) longTimes.push(timed(checker, snippet).ms);
    longTimes.sort((a, b) => a - b);
    lines.push(
      `checker: ${long.length} snippets of 200 lines x 3, p50 ${percentile(longTimes, 50).toFixed(2)} ms, p99 ${percentile(longTimes, 99).toFixed(2)} ms`,
    );
  }

  let worst = { name: '', ms: 0 };
  for (const [name, text] of adversarial()) {
    const runs = [timed(checker, text), timed(checker, text), timed(checker, text)];
    const ms = Math.max(...runs.map((run) => run.ms));
    const outcome = runs[0]?.outcome ?? '';
    const verdict = outcome.startsWith('CRASH')
      ? 'CRASH'
      : ms < ADVERSARIAL_LIMIT_MS
        ? 'ok'
        : 'TOO SLOW';
    lines.push(
      `checker adversarial: ${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB): ${ms.toFixed(1)} ms, ${outcome} [${verdict}]`,
    );
    if (ms > worst.ms) worst = { name, ms };
  }
  // Not an adversarial input but the largest honest one: a whole 64 KiB file of pin code.
  if (snippets.length > 0) {
    const whole = fill(snippets.join('\n'));
    const ms = Math.max(timed(checker, whole).ms, timed(checker, whole).ms);
    lines.push(
      `checker: 64 KiB of real pinning code (the examples concatenated): ${ms.toFixed(1)} ms`,
    );
  }
  const oversize = timed(checker, fill('x', MAX_CHECK_INPUT_BYTES + 1));
  lines.push(
    `checker adversarial: 64 KiB + 1 byte: ${oversize.outcome} in ${oversize.ms.toFixed(2)} ms`,
  );
  lines.push(
    `checker adversarial worst case: ${worst.name}, ${worst.ms.toFixed(1)} ms (limit ${ADVERSARIAL_LIMIT_MS} ms)`,
  );
  return lines;
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  for (const line of await benchChecker()) console.log(line);
}
