// A RuleTester in the spirit of typescript-eslint's: `valid` snippets must produce no finding from
// the rule, `invalid` snippets exactly the listed findings (line, column, message id). Outcomes are
// named as ast-grep names them: Validated, Reported, Noisy (reported on valid code) and Missing
// (silent on invalid code). A rule that throws fails the test instead of being skipped.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/core/check.js';
import { createEngine, type Engine } from '../../src/analyser/engine.js';
import { loadRustParser } from '../../src/analyser/parser.js';
import type { Rule } from '../../src/analyser/rule.js';

export interface ValidCase {
  name: string;
  code: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  messageId: string;
  rustc?: string | null;
  severity?: Severity;
}

export interface InvalidCase {
  name: string;
  code: string;
  errors: ExpectedFinding[];
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Which of the rule's messages produced `finding` (templates turned into patterns). */
export function messageIdOf(rule: Rule, finding: Finding): string {
  for (const [id, spec] of Object.entries(rule.messages)) {
    const pattern = spec.message
      .split(/\{\{\s*\w+\s*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*?');
    if (new RegExp(`^${pattern}$`).test(finding.message)) return id;
  }
  return '?';
}

function describeFindings(rule: Rule, findings: Finding[]): string {
  if (findings.length === 0) return 'no finding';
  return findings
    .map((f) => `${messageIdOf(rule, f)}@${f.line}:${f.column} (${f.message})`)
    .join('; ');
}

export function testRule(rule: Rule, cases: RuleCases): void {
  let engine: Engine;
  const findingsOf = (code: string): Finding[] =>
    engine.analyse(code).findings.filter((finding) => finding.rule === rule.id);

  beforeAll(async () => {
    engine = createEngine(await loadRustParser(), [rule], {
      onRuleError: (_id, error) => {
        throw error;
      },
    });
  });

  describe(`${rule.id}: valid`, () => {
    for (const valid of cases.valid) {
      it(`Validated: ${valid.name}`, () => {
        const findings = findingsOf(valid.code);
        expect(findings, `Noisy: ${describeFindings(rule, findings)}`).toEqual([]);
      });
    }
  });

  describe(`${rule.id}: invalid`, () => {
    for (const invalid of cases.invalid) {
      it(`Reported: ${invalid.name}`, () => {
        const findings = findingsOf(invalid.code);
        const actual = findings.map((f) => ({
          line: f.line,
          column: f.column,
          messageId: messageIdOf(rule, f),
        }));
        const expected = invalid.errors.map((e) => ({
          line: e.line,
          column: e.column,
          messageId: e.messageId,
        }));
        expect(actual, `Missing or Noisy: got ${describeFindings(rule, findings)}`).toEqual(
          expected,
        );
        invalid.errors.forEach((error, index) => {
          const finding = findings[index];
          if (error.rustc !== undefined) expect(finding?.rustc).toBe(error.rustc);
          if (error.severity !== undefined) expect(finding?.severity).toBe(error.severity);
          expect(finding?.fix ?? '').not.toBe('');
          expect(finding?.message).not.toMatch(/\{\{/);
        });
      });
    }
  });
}
