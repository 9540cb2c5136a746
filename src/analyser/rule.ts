// The shape of a checker rule, in the spirit of typescript-eslint's createRule: a rule knows its
// id, severity, the rustc error code it predicts, the knowledge topic that explains it, and its
// messages (each with a concrete fix). It may declare a tree-sitter query, compiled once when the
// checker is built; `check` receives the query's matches and the snippet's facts and reports.
import type { Finding, Severity } from '../core/check.js';
import type { Facts } from './facts.js';
import type { SyntaxNode, SyntaxTree } from './syntax.js';

export interface MessageSpec {
  /** What is wrong, naming the value that must stay put; `{{name}}` placeholders take `data`. */
  message: string;
  /** A concrete change that fixes it (placeholders allowed). */
  fix: string;
  /** Overrides the rule's error code for this message (for rules whose shapes map to codes). */
  rustc?: string | null;
  /** Overrides the rule's severity for this message. */
  severity?: Severity;
}

export interface RuleMatch {
  /** Index of the matching pattern within the rule's own query. */
  readonly pattern: number;
  /** The first node captured under `name`. */
  node(name: string): SyntaxNode | null;
  /** Every node captured under `name`. */
  nodes(name: string): SyntaxNode[];
}

export interface ReportDescriptor<M extends string> {
  node: SyntaxNode;
  messageId: M;
  data?: Readonly<Record<string, string>>;
  /** Replaces the message's fix template. */
  fix?: string;
}

export interface RuleContext<M extends string> {
  readonly source: string;
  readonly tree: SyntaxTree;
  readonly root: SyntaxNode;
  readonly facts: Facts;
  /** The matches of the rule's query (empty when it has none). */
  readonly matches: readonly RuleMatch[];
  report(descriptor: ReportDescriptor<M>): void;
}

export interface RuleSpec<M extends string> {
  /** kebab-case, equal to the file name in src/analyser/rules/. */
  id: string;
  /** One line for docs and listings. */
  description: string;
  severity: Severity;
  /** The error code rustc prints for this mistake, or null (unsound code compiles). */
  rustc: string | null;
  /** The knowledge topic id that explains the mistake. */
  topic: string;
  messages: Record<M, MessageSpec>;
  /** A tree-sitter query over the Rust grammar; its matches reach `check`. */
  query?: string;
  check(context: RuleContext<M>): void;
}

/** A rule with its message ids erased, as the engine holds it. */
export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly rustc: string | null;
  readonly topic: string;
  readonly messages: Readonly<Record<string, MessageSpec>>;
  readonly query: string | undefined;
  check(context: RuleContext<string>): void;
}

export function defineRule<M extends string>(spec: RuleSpec<M>): Rule {
  return {
    id: spec.id,
    description: spec.description,
    severity: spec.severity,
    rustc: spec.rustc,
    topic: spec.topic,
    messages: spec.messages,
    query: spec.query,
    check: (context) => {
      spec.check(context);
    },
  };
}

/** Fills `{{name}}` placeholders. Unknown names are left as written. */
export function interpolate(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}

/** Builds the finding a report describes (line and column relative to the snippet). */
export function findingOf(rule: Rule, descriptor: ReportDescriptor<string>): Finding {
  const spec = rule.messages[descriptor.messageId];
  if (!spec) throw new Error(`rule ${rule.id} has no message '${descriptor.messageId}'`);
  return {
    rule: rule.id,
    severity: spec.severity ?? rule.severity,
    rustc: spec.rustc === undefined ? rule.rustc : spec.rustc,
    line: descriptor.node.line,
    column: descriptor.node.column,
    message: interpolate(spec.message, descriptor.data),
    fix: interpolate(descriptor.fix ?? spec.fix, descriptor.data),
    topic: rule.topic,
  };
}

// What rules may use besides the context: the analyser's helpers, re-exported so that rule files
// depend on this module only.
export type { SyntaxNode } from './syntax.js';
export type { Binding, UseKind } from './scope.js';
export type { Ty } from './types.js';
export type {
  Facts,
  FnInfo,
  GenericEnv,
  ImplInfo,
  Projection,
  TypeItem,
  Unpinness,
} from './facts.js';
export { attributesOf, autoderef, derefTy, projectedField } from './facts.js';
export {
  closuresBetween,
  exclusiveBranches,
  isVariableReference,
  loopAround,
  macroName,
  useKind,
} from './scope.js';
export {
  isCopyScalar,
  isFutureTy,
  isPinMut,
  pinParts,
  readType,
  showTy,
  lastSegment,
} from './types.js';
export {
  before,
  bodyOf,
  CONSUMING_PIN_METHODS,
  callParts,
  inUnsafe,
  mutBorrowTarget,
  outerExpression,
  placeName,
  statementOf,
  tailOf,
  tokensNamed,
  unwrap,
  type CallParts,
} from './helpers.js';
