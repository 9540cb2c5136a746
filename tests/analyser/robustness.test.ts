// Property-based robustness: random strings, Rust-ish token soups and mutated corpus cases go
// through `extractCode` and through the whole checker; neither may throw (except the two user
// errors for empty and oversize input) and every answer must be well-formed.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHECK_INPUT_BYTES, type CheckResult, type Checker } from '../../src/core/check.js';
import { isUserError } from '../../src/core/errors.js';
import { extractCode } from '../../src/analyser/extract.js';
import { createChecker } from '../../src/analyser/index.js';
import { loadRustParser, type RustParser } from '../../src/analyser/parser.js';

const casesDir = new URL('../fixtures/pincheck/cases/', import.meta.url);
const corpus = readdirSync(casesDir)
  .filter((name) => name.endsWith('.rs'))
  .sort()
  .map((name) => readFileSync(new URL(name, casesDir), 'utf8'));

const VERDICTS = ['ok', 'compile-error', 'unsound', 'not-rust'];
const SEVERITIES = ['error', 'unsound', 'warning', 'note'];

const TOKENS = [
  'fn',
  'let',
  'mut',
  'async',
  'await',
  '.await',
  'impl',
  'struct',
  'unsafe',
  'move',
  'self',
  'Self',
  'Pin',
  'Pin::new',
  'Pin::new_unchecked',
  'Box::pin',
  'pin!',
  'get_mut',
  'get_unchecked_mut',
  'as_mut',
  'poll',
  'Future',
  'Unpin',
  'PhantomPinned',
  'mem::swap',
  'Drop',
  '#[repr(packed)]',
  'fut',
  'cx',
  'x',
  '0',
  '"s"',
  "'a",
  '&',
  '&mut',
  '*',
  '::',
  ':',
  ';',
  ',',
  '.',
  '=',
  '->',
  '=>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '...',
  '```',
  '```rust',
  '~~~',
  '&lt;',
  '&amp;',
  '`',
  'error[E0277]:',
  'error:',
  '-->',
  '|',
  '= note:',
  '//',
  '/*',
  '*/',
  'r#"',
  '"#',
];

/** Text with a random edit applied, like a paste gone wrong. */
type Mutation =
  | { kind: 'delete' | 'duplicate' | 'fence' | 'entity' | 'cut'; at: number }
  | { kind: 'swap'; at: number; other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      'delete' as const,
      'duplicate' as const,
      'fence' as const,
      'entity' as const,
      'cut' as const,
    ),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    if (lines.length === 0) break;
    const i = m.at % lines.length;
    const line = lines[i] ?? '';
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = m.other % lines.length;
        lines[i] = lines[j] ?? '';
        lines[j] = line;
        break;
      }
      case 'fence':
        lines.splice(i, 0, ['```', '```rust', '~~~', '‘‘‘rs'][m.at % 4] ?? '```');
        break;
      case 'entity':
        lines[i] = line.replace(/[<>&]/g, (ch) =>
          ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&amp;',
        );
        break;
      case 'cut': {
        const joined = lines.join('\n');
        lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

const randomText = fc.string({ unit: 'binary', maxLength: 600 });
const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(' ', '', '\n', '\n\n', '    ')), {
    maxLength: 300,
  })
  .map((parts) => parts.map(([token, gap]) => token + gap).join(''));
const mutatedCase = fc
  .tuple(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: 6 }))
  .map(([text, mutations]) => mutate(text, mutations));
const anyInput = fc.oneof(randomText, tokenSoup, mutatedCase);

function lineCount(text: string): number {
  return text.replace(/\r\n?/g, '\n').split('\n').length;
}

let parser: RustParser;
let checker: Checker;

beforeAll(async () => {
  parser = await loadRustParser();
  checker = await createChecker();
});

describe('extractCode on random input', () => {
  it('never throws and points only at lines that exist', () => {
    fc.assert(
      fc.property(anyInput, (text) => {
        const result = extractCode(text, parser);
        expect(['code', 'compiler-error', 'prose']).toContain(result.kind);
        if (result.kind === 'prose') return;
        const lines = lineCount(text);
        for (const block of result.blocks) {
          expect(block.code.trim()).not.toBe('');
          expect(block.startLine).toBeGreaterThanOrEqual(1);
          expect(block.startLine - 1 + block.code.split('\n').length).toBeLessThanOrEqual(lines);
        }
        if (result.kind === 'compiler-error') {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          for (const d of result.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a fenced Rust block on the lines it came from', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.string({ maxLength: 80 }), (code, before) => {
        const prose = before.replace(/[`~]/g, '');
        const text = `${prose}\n\`\`\`rust\n${code}\`\`\`\nthanks`;
        const result = extractCode(text, parser);
        expect(result.kind).not.toBe('prose');
        if (result.kind === 'prose') return;
        const block = result.blocks.find((b) => b.language === 'rust');
        expect(block?.code).toBe(code.trimEnd());
        expect(block?.startLine).toBe(lineCount(prose) + 2);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the checker on random input', () => {
  function checkOrUserError(text: string): CheckResult | null {
    try {
      return checker.check(text);
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      if (!isUserError(error)) throw error;
      expect(['empty-input', 'input-too-large']).toContain(error.code);
      return null;
    }
  }

  it('returns a verdict with sorted, well-formed findings', () => {
    fc.assert(
      fc.property(anyInput, (text) => {
        const result = checkOrUserError(text);
        if (result === null) {
          expect(text.trim() === '' || Buffer.byteLength(text) > MAX_CHECK_INPUT_BYTES).toBe(true);
          return;
        }
        expect(VERDICTS).toContain(result.verdict);
        const lines = lineCount(text);
        let previous = { line: 0, column: 0 };
        for (const finding of result.findings) {
          expect(SEVERITIES).toContain(finding.severity);
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.line).toBeLessThanOrEqual(lines);
          expect(finding.column).toBeGreaterThanOrEqual(1);
          const ordered =
            finding.line > previous.line ||
            (finding.line === previous.line && finding.column >= previous.column);
          expect(ordered).toBe(true);
          previous = finding;
        }
        if (result.verdict === 'not-rust') expect(result.findings).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });

  it('refuses empty and oversize input with the two user errors', () => {
    const codeOf = (text: string): string | null => {
      try {
        checker.check(text);
        return null;
      } catch (error) {
        return isUserError(error) ? error.code : 'not a user error';
      }
    };
    expect(codeOf('')).toBe('empty-input');
    expect(codeOf(' \n\t ')).toBe('empty-input');
    expect(codeOf('x'.repeat(MAX_CHECK_INPUT_BYTES + 1))).toBe('input-too-large');
    expect(codeOf('é'.repeat(MAX_CHECK_INPUT_BYTES / 2 + 1))).toBe('input-too-large');
  });
});
