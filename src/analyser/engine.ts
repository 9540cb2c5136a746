// The pin-checker: finds the Rust in a text, parses each block once, runs every rule over it and
// picks the verdict. Every rule's query is compiled once, into one combined tree-sitter query, when
// the engine is built; `check` is synchronous and never throws except for the two user errors
// (empty input, input over 64 KiB).
import type { Query } from 'web-tree-sitter';
import {
  MAX_CHECK_INPUT_BYTES,
  type CheckResult,
  type Checker,
  type Finding,
} from '../core/check.js';
import { UserError } from '../core/errors.js';
import { explainDiagnostics } from './compiler-error.js';
import { extractCode, type CodeBlock } from './extract.js';
import { Facts } from './facts.js';
import type { RustParser } from './parser.js';
import { findingOf, type Rule, type RuleContext, type RuleMatch } from './rule.js';
import {
  blankPlaceholders,
  bracketDepth,
  closeOpenBrackets,
  DEFAULT_LIMITS,
  SyntaxTree,
  unfoldExpressionMacros,
  type SyntaxLimits,
  type SyntaxNode,
} from './syntax.js';

export interface EngineOptions {
  /** Called when a rule throws; the rule is skipped for that snippet and the check goes on. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Bounds on the trees the engine analyses (pathological inputs are skipped, not analysed). */
  limits?: SyntaxLimits;
  /** Deepest bracket nesting parsed at all; deeper blocks are skipped before parsing. */
  maxBracketDepth?: number;
  /** Longest line and most lines a block may have; beyond them it is not code a person wrote. */
  maxLineLength?: number;
  maxLines?: number;
}

export interface BlockAnalysis {
  /** Findings with lines and columns relative to the block. */
  findings: Finding[];
  /** Why the block was not analysed, when it was not. */
  skipped: string | null;
}

/** Error codes rustc reports while type checking; they come before the MIR-based checks. */
const TYPECK_CODES = new Set([
  'E0277',
  'E0599',
  'E0308',
  'E0283',
  'E0733',
  'E0053',
  'E0658',
  'E0199',
  'E0282',
]);

const NOT_RUST_HINT =
  'No Rust code found. Paste the code in a fenced block: a line with ```rust, the code, then a line with ```.';

export class Engine {
  private readonly query: Query | null;
  /** For each pattern of the combined query: the rule and the pattern's index in its own query. */
  private readonly patternOwner: { rule: number; local: number }[] = [];

  constructor(
    private readonly parser: RustParser,
    readonly rules: readonly Rule[],
    private readonly options: EngineOptions = {},
  ) {
    // One query for every rule, compiled once; each pattern is traced back to its rule by the
    // offset at which the pattern starts in the combined source.
    const owners: { rule: number; from: number; to: number }[] = [];
    let source = '';
    rules.forEach((rule, index) => {
      if (!rule.query) return;
      owners.push({ rule: index, from: source.length, to: source.length + rule.query.length });
      source += rule.query + '\n';
    });
    this.query = source ? parser.query(source) : null;
    const count = this.query?.patternCount() ?? 0;
    const seen = new Map<number, number>();
    for (let pattern = 0; pattern < count; pattern++) {
      const at = this.query?.startIndexForPattern(pattern) ?? 0;
      const owner = owners.find((o) => at >= o.from && at < o.to);
      if (!owner) throw new Error(`query pattern ${pattern} belongs to no rule`);
      const local = seen.get(owner.rule) ?? 0;
      seen.set(owner.rule, local + 1);
      this.patternOwner.push({ rule: owner.rule, local });
    }
  }

  check(text: string): CheckResult {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new UserError('empty-input', 'There is nothing to check: paste some Rust code.');
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_CHECK_INPUT_BYTES) {
      throw new UserError(
        'input-too-large',
        `That is ${Math.ceil(bytes / 1024)} KiB; the checker reads at most ${MAX_CHECK_INPUT_BYTES / 1024} KiB. Paste the part with the pinning.`,
      );
    }
    try {
      return this.checkText(text);
    } catch (error) {
      // Defensive: nothing below should throw, but a checker that crashes helps nobody.
      this.options.onRuleError?.('engine', error);
      return { verdict: 'ok', findings: [], hint: 'The checker could not analyse this code.' };
    }
  }

  private checkText(text: string): CheckResult {
    const extraction = extractCode(text, this.parser);
    if (extraction.kind === 'prose')
      return { verdict: 'not-rust', findings: [], hint: NOT_RUST_HINT };
    const findings: Finding[] = [];
    const skipped: string[] = [];
    const seen = new Map<string, BlockAnalysis>();
    for (const block of extraction.blocks) {
      const analysis = seen.get(block.code) ?? this.analyse(block.code);
      seen.set(block.code, analysis);
      if (analysis.skipped) skipped.push(analysis.skipped);
      findings.push(...analysis.findings.map((finding) => mapToText(finding, block)));
    }
    if (extraction.kind === 'compiler-error') {
      findings.push(...explainDiagnostics(extraction.diagnostics));
      sortFindings(findings);
      return { verdict: 'compile-error', findings };
    }
    sortFindings(findings);
    const verdict = findings.some((f) => f.severity === 'error')
      ? 'compile-error'
      : findings.some((f) => f.severity === 'unsound')
        ? 'unsound'
        : 'ok';
    if (
      skipped.length > 0 &&
      skipped.length === extraction.blocks.length &&
      findings.length === 0
    ) {
      return { verdict: 'not-rust', findings, hint: skipped[0] ?? NOT_RUST_HINT };
    }
    const result: CheckResult = { verdict, findings };
    if (findings.length === 0) {
      const lines = extraction.blocks.reduce(
        (sum, block) => sum + block.code.split('\n').length,
        0,
      );
      result.hint =
        skipped.length > 0
          ? `${skipped[0] ?? ''} No pinning problems found in the rest.`
          : `No pinning problems found in ${lines} line${lines === 1 ? '' : 's'} of Rust.`;
    }
    return result;
  }

  /** Runs every rule over one block of Rust code (no extraction). */
  analyse(rawCode: string): BlockAnalysis {
    const refusal = this.refusal(rawCode);
    if (refusal) return { findings: [], skipped: refusal };
    // Arguments of `assert_eq!(..)`, `println!(..)` and friends are plain expressions: they are
    // read as a call (same offsets) so that the rules see inside them.
    const code = closeOpenBrackets(unfoldExpressionMacros(blankPlaceholders(rawCode)));
    const tree = this.parser.parse(code);
    try {
      const syntax = SyntaxTree.from(tree, code, this.options.limits ?? DEFAULT_LIMITS);
      if (!syntax)
        return { findings: [], skipped: 'The code is too large or too deeply nested to check.' };
      const perRule = this.matchesByRule(tree.rootNode, syntax);
      const facts = new Facts(syntax);
      const findings: Finding[] = [];
      this.rules.forEach((rule, index) => {
        const own: Finding[] = [];
        const context: RuleContext<string> = {
          source: code,
          tree: syntax,
          root: syntax.root,
          facts,
          matches: perRule[index] ?? [],
          report: (descriptor) => own.push(findingOf(rule, descriptor)),
        };
        try {
          rule.check(context);
          findings.push(...own);
        } catch (error) {
          this.options.onRuleError?.(rule.id, error);
        }
      });
      return { findings: settle(findings, syntax), skipped: null };
    } finally {
      tree.delete();
    }
  }

  /**
   * Why a block is not analysed at all (cheap checks before parsing), or null. Guards against
   * inputs no person writes: deeply nested brackets, thousands of tiny lines, one huge line.
   */
  private refusal(code: string): string | null {
    const maxDepth = this.options.maxBracketDepth ?? 256;
    const maxLineLength = this.options.maxLineLength ?? 2_000;
    const maxLines = this.options.maxLines ?? 4_000;
    let lines = 0;
    let longest = 0;
    for (let start = 0; ;) {
      const end = code.indexOf('\n', start);
      longest = Math.max(longest, (end < 0 ? code.length : end) - start);
      lines++;
      if (end < 0) break;
      start = end + 1;
    }
    if (lines > maxLines)
      return `The code has more than ${maxLines} lines; paste the part with the pinning.`;
    if (longest > maxLineLength) {
      return `The code has a line longer than ${maxLineLength} characters; it was not checked.`;
    }
    if (bracketDepth(code) > maxDepth) {
      return `The code nests brackets more than ${maxDepth} deep; it was not checked.`;
    }
    return null;
  }

  private matchesByRule(root: Parameters<Query['matches']>[0], syntax: SyntaxTree): RuleMatch[][] {
    const out: RuleMatch[][] = this.rules.map(() => []);
    if (!this.query) return out;
    for (const match of this.query.matches(root)) {
      const owner = this.patternOwner[match.patternIndex];
      if (!owner) continue;
      const captured = new Map<string, SyntaxNode[]>();
      for (const capture of match.captures) {
        const node = syntax.byId.get(capture.node.id);
        if (!node) continue;
        const list = captured.get(capture.name) ?? [];
        list.push(node);
        captured.set(capture.name, list);
      }
      out[owner.rule]?.push({
        pattern: owner.local,
        node: (name) => captured.get(name)?.[0] ?? null,
        nodes: (name) => captured.get(name) ?? [],
      });
    }
    return out;
  }
}

/**
 * Removes what rustc would not print: borrow-check errors in a function body that already has a
 * type error (rustc skips borrow checking of bodies that failed type checking), and duplicates.
 */
function settle(findings: Finding[], syntax: SyntaxTree): Finding[] {
  const bodyOf = (finding: Finding): SyntaxNode | null => {
    const offset = syntax.lineStart(finding.line) + finding.column - 1;
    let node: SyntaxNode | null = syntax.root;
    let body: SyntaxNode | null = null;
    while (node) {
      if (node.type === 'function_item') body = node;
      node = node.children.find((child) => child.start <= offset && offset < child.end) ?? null;
    }
    return body;
  };
  const typeErrorBodies = new Set<SyntaxNode | null>();
  for (const finding of findings) {
    if (finding.severity === 'error' && finding.rustc && TYPECK_CODES.has(finding.rustc)) {
      typeErrorBodies.add(bodyOf(finding));
    }
  }
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const isTypeError = finding.rustc !== null && TYPECK_CODES.has(finding.rustc);
    if (finding.severity === 'error' && !isTypeError && typeErrorBodies.has(bodyOf(finding)))
      continue;
    const key = `${finding.rule}:${finding.line}:${finding.column}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return sortFindings(out);
}

function mapToText(finding: Finding, block: CodeBlock): Finding {
  return { ...finding, line: finding.line + block.startLine - 1 };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** Builds a checker over `rules` with an already loaded parser. */
export function createEngine(
  parser: RustParser,
  rules: readonly Rule[],
  options: EngineOptions = {},
): Engine {
  return new Engine(parser, rules, options);
}

export function asChecker(engine: Engine): Checker {
  return { check: (text) => engine.check(text) };
}
