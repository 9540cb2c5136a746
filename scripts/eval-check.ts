// npm run eval:check [-- DIR] [--verbose]: runs the pin-checker over a labelled example set
// (default ../shared/pincheck-examples, next to the repository) and prints verdict accuracy for
// full cases and fragments, rustc-code accuracy on compile errors, the false-alarm rate on `ok`
// cases, a confusion matrix and per-family accuracy. A held-out set with the same layout
// (cases/*.rs + labels.jsonl) is run the same way.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CheckResult, Verdict } from '../src/core/check.js';
import { createChecker } from '../src/analyser/index.js';

const labelSchema = z.object({
  file: z.string(),
  verdict: z.enum(['ok', 'compile-error', 'unsound']),
  rustc_codes: z.array(z.string()).default([]),
  line: z.number().nullable().optional(),
  family: z.number().optional(),
  fragment_of: z.string().optional(),
});
type Label = z.infer<typeof labelSchema>;

interface Outcome {
  label: Label;
  result: CheckResult;
  fragment: boolean;
  code: string | null;
}

const VERDICTS: Verdict[] = ['compile-error', 'unsound', 'ok', 'not-rust'];

function pct(hits: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * hits) / total).toFixed(1)}% (${hits}/${total})`;
}

function readLabels(dir: string): Label[] {
  return readFileSync(join(dir, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => labelSchema.parse(JSON.parse(line)));
}

/** The first error code the checker predicts (findings are sorted by line). */
function firstCode(result: CheckResult): string | null {
  return result.findings.find((f) => f.severity === 'error' && f.rustc !== null)?.rustc ?? null;
}

export async function evaluate(dir: string, verbose = false): Promise<string[]> {
  const ruleErrors: string[] = [];
  const checker = await createChecker({
    onRuleError: (rule, error) => ruleErrors.push(`${rule}: ${String(error)}`),
  });
  const outcomes: Outcome[] = readLabels(dir).map((label) => {
    const code = readFileSync(join(dir, 'cases', label.file), 'utf8');
    const result = checker.check(code);
    return { label, result, fragment: label.fragment_of !== undefined, code: firstCode(result) };
  });
  const lines: string[] = [`eval:check over ${dir}: ${outcomes.length} snippets`];

  const full = outcomes.filter((o) => !o.fragment);
  const fragments = outcomes.filter((o) => o.fragment);
  const right = (o: Outcome): boolean => o.result.verdict === o.label.verdict;
  lines.push(`verdict accuracy, full cases: ${pct(full.filter(right).length, full.length)}`);
  lines.push(
    `verdict accuracy, fragments:  ${pct(fragments.filter(right).length, fragments.length)}`,
  );
  lines.push(
    `verdict accuracy, all:        ${pct(outcomes.filter(right).length, outcomes.length)}`,
  );

  const errors = outcomes.filter((o) => o.label.verdict === 'compile-error');
  const codeRight = (o: Outcome): boolean =>
    o.label.rustc_codes.length === 0
      ? o.result.verdict === 'compile-error' && o.code === null
      : o.code !== null && o.label.rustc_codes.includes(o.code);
  const firstRight = (o: Outcome): boolean =>
    o.label.rustc_codes.length === 0 ? codeRight(o) : o.code === o.label.rustc_codes[0];
  lines.push(
    `rustc code right on compile-error cases (first predicted code in rustc_codes): ${pct(errors.filter(codeRight).length, errors.length)}` +
      ` [full ${pct(errors.filter((o) => !o.fragment && codeRight(o)).length, errors.filter((o) => !o.fragment).length)}, fragments ${pct(errors.filter((o) => o.fragment && codeRight(o)).length, errors.filter((o) => o.fragment).length)}]`,
  );
  lines.push(
    `first code equals first label code: ${pct(errors.filter(firstRight).length, errors.length)}`,
  );

  const oks = outcomes.filter((o) => o.label.verdict === 'ok');
  const alarm = (o: Outcome): boolean =>
    o.result.findings.some((f) => f.severity === 'error' || f.severity === 'unsound');
  lines.push(`false alarms on ok cases: ${pct(oks.filter(alarm).length, oks.length)}`);

  const located = outcomes.filter(
    (o) => o.label.verdict !== 'ok' && typeof o.label.line === 'number',
  );
  const onLine = (o: Outcome): boolean =>
    o.result.findings.some(
      (f) =>
        f.severity === (o.label.verdict === 'compile-error' ? 'error' : 'unsound') &&
        f.line === o.label.line,
    );
  lines.push(
    `a finding on the labelled line (compile-error, unsound): ${pct(located.filter(onLine).length, located.length)}`,
  );

  lines.push('', 'confusion matrix (rows: expected, columns: predicted)');
  lines.push(`${''.padEnd(15)}${VERDICTS.map((v) => v.padStart(15)).join('')}`);
  for (const expected of VERDICTS.slice(0, 3)) {
    const row = VERDICTS.map((predicted) =>
      String(
        outcomes.filter((o) => o.label.verdict === expected && o.result.verdict === predicted)
          .length,
      ).padStart(15),
    );
    lines.push(`${expected.padEnd(15)}${row.join('')}`);
  }

  lines.push('', 'per family (verdict accuracy)');
  const families = [...new Set(outcomes.map((o) => o.label.family ?? 0))].sort((a, b) => a - b);
  for (const family of families) {
    const members = outcomes.filter((o) => (o.label.family ?? 0) === family);
    lines.push(
      `  family ${String(family).padStart(2)}: ${pct(members.filter(right).length, members.length)}`,
    );
  }

  const misses = outcomes.filter(
    (o) => !right(o) || (o.label.verdict === 'compile-error' && !codeRight(o)),
  );
  if (misses.length > 0) {
    lines.push('', 'misses (file: expected [codes] -> predicted [first code])');
    for (const o of misses) {
      const first = o.result.findings[0];
      lines.push(
        `  ${o.label.file}: ${o.label.verdict} [${o.label.rustc_codes.join(',')}] line ${String(o.label.line ?? '-')} -> ${o.result.verdict} [${o.code ?? ''}]` +
          (verbose && first ? ` ${first.rule}@${first.line}: ${first.message}` : ''),
      );
    }
  }
  if (ruleErrors.length > 0) lines.push('', `rules that threw (skipped): ${ruleErrors.join('; ')}`);
  return lines;
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const given = args.find((arg) => !arg.startsWith('--'));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = given ? resolve(given) : resolve(root, '../shared/pincheck-examples');
  if (!existsSync(join(dir, 'labels.jsonl'))) {
    console.error(`eval:check: no labels.jsonl in ${dir}`);
    process.exit(2);
  }
  for (const line of await evaluate(dir, verbose)) console.log(line);
}
