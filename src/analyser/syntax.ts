// A plain JavaScript copy of a tree-sitter tree. Walking tree-sitter's WASM nodes costs a
// boundary crossing per step, and rules navigate a lot (parents, siblings, scopes), so the
// engine copies the tree once with one cursor walk and every rule reads the copy.
//
// The copy is bounded: a tree deeper or larger than the limits is refused (null), which keeps
// pathological inputs (64 KiB of nested brackets, generics nested thousands deep) fast.
import type { Language, Tree } from 'web-tree-sitter';

export interface SyntaxLimits {
  /** Most nodes the copy may hold. */
  maxNodes: number;
  /** Deepest nesting the copy accepts. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: SyntaxLimits = { maxNodes: 60_000, maxDepth: 400 };

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  /** Types of the anonymous tokens (`&`, `mut`, `;` ...) among this node's children. */
  readonly tokens: string[] = [];
  /** Position in the parent's `children`. */
  index = 0;
  /** Inside a macro's token tree, where anonymous tokens are kept as nodes (their order matters). */
  inTokens = false;

  constructor(
    readonly tree: SyntaxTree,
    readonly type: string,
    readonly named: boolean,
    readonly field: string | null,
    readonly start: number,
    readonly end: number,
    readonly parent: SyntaxNode | null,
    readonly missing: boolean,
  ) {}

  get text(): string {
    return this.tree.source.slice(this.start, this.end);
  }

  /** 1-based line of the node's first character in the snippet. */
  get line(): number {
    return this.tree.lineOf(this.start);
  }

  /** 1-based column (UTF-16 units) of the node's first character. */
  get column(): number {
    return this.start - this.tree.lineStart(this.line) + 1;
  }

  get endLine(): number {
    return this.tree.lineOf(Math.max(this.start, this.end - 1));
  }

  private named_: SyntaxNode[] | null = null;

  /** The named children (cached: the tree never changes after the copy). */
  get namedChildren(): SyntaxNode[] {
    this.named_ ??= this.children.filter((child) => child.named);
    return this.named_;
  }

  /** The last named child that is not a comment (a block's tail, for instance). */
  get lastNamedChild(): SyntaxNode | null {
    const named = this.namedChildren;
    for (let i = named.length - 1; i >= 0; i--) {
      const child = named[i];
      if (child && child.type !== 'line_comment' && child.type !== 'block_comment') return child;
    }
    return null;
  }

  /** The first child in the grammar field `name`. */
  child(name: string): SyntaxNode | null {
    for (const child of this.children) if (child.field === name) return child;
    return null;
  }

  /** Every child in the grammar field `name`. */
  childrenOf(name: string): SyntaxNode[] {
    return this.children.filter((child) => child.field === name);
  }

  /** The first named child of one of `types`. */
  childOfType(...types: string[]): SyntaxNode | null {
    for (const child of this.children) if (child.named && types.includes(child.type)) return child;
    return null;
  }

  hasAnonymous(token: string): boolean {
    return (
      this.tokens.includes(token) ||
      this.children.some((child) => !child.named && child.type === token)
    );
  }

  get nextNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.index + 1; i < siblings.length; i++) {
      const sibling = siblings[i];
      if (sibling?.named) return sibling;
    }
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.index - 1; i >= 0; i--) {
      const sibling = siblings[i];
      if (sibling?.named) return sibling;
    }
    return null;
  }

  /** True when `this` is `other` or lies inside it. */
  within(other: SyntaxNode): boolean {
    return this.start >= other.start && this.end <= other.end && this.tree === other.tree;
  }

  /** The closest ancestor (or this node) of one of `types`, stopping at `stop` types. */
  closest(types: readonly string[], stop: readonly string[] = []): SyntaxNode | null {
    if (types.includes(this.type)) return this;
    for (const node of this.ancestors()) {
      if (types.includes(node.type)) return node;
      if (stop.includes(node.type)) return null;
    }
    return null;
  }

  *ancestors(): Generator<SyntaxNode> {
    for (let node = this.parent; node; node = node.parent) yield node;
  }

  /** Named descendants (not this node) in document order, optionally filtered by type. */
  descendants(types?: readonly string[]): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const stack: SyntaxNode[] = [...this.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node) break;
      if (node.named && (!types || types.includes(node.type))) out.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i];
        if (child) stack.push(child);
      }
    }
    return out;
  }
}

export class SyntaxTree {
  readonly root: SyntaxNode;
  readonly byId = new Map<number, SyntaxNode>();
  private readonly starts: number[];

  private constructor(
    readonly source: string,
    build: (tree: SyntaxTree) => SyntaxNode,
  ) {
    this.starts = [0];
    for (let i = 0; i < source.length; i++)
      if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
    this.root = build(this);
  }

  /** True when tree-sitter had to recover from syntax errors (a fragment, or broken code). */
  get hasErrors(): boolean {
    return this.ofType('ERROR').length > 0 || hasMissing(this.root);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Named nodes of `types` in document order (from an index built while copying). */
  ofType(...types: string[]): SyntaxNode[] {
    if (types.length === 1) return this.byType.get(types[0] ?? '') ?? [];
    const key = types.join(' ');
    const cached = this.merged.get(key);
    if (cached) return cached;
    const out = types.flatMap((type) => this.byType.get(type) ?? []);
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    this.merged.set(key, out);
    return out;
  }

  private readonly merged = new Map<string, SyntaxNode[]>();

  /** Named nodes of `type` inside `within` (document order), found by binary search. */
  ofTypeWithin(within: SyntaxNode, type: string): SyntaxNode[] {
    const list = this.byType.get(type) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((list[mid]?.start ?? 0) < within.start) low = mid + 1;
      else high = mid;
    }
    const out: SyntaxNode[] = [];
    for (let i = low; i < list.length; i++) {
      const node = list[i];
      if (!node || node.start >= within.end) break;
      if (node !== within && node.end <= within.end) out.push(node);
    }
    return out;
  }

  private readonly byType = new Map<string, SyntaxNode[]>();

  /** Copies `tree` (parsed from `source`); null when the tree exceeds `limits`. */
  static from(
    tree: Tree,
    source: string,
    limits: SyntaxLimits = DEFAULT_LIMITS,
  ): SyntaxTree | null {
    const state = { refused: false };
    const table = tablesFor(tree.language);
    const result = new SyntaxTree(source, (self) => {
      const cursor = tree.walk();
      try {
        const root = new SyntaxNode(
          self,
          cursor.nodeType,
          true,
          null,
          0,
          source.length,
          null,
          false,
        );
        self.byId.set(cursor.nodeId, root);
        let parent = root;
        let count = 1;
        let depth = 0;
        if (!cursor.gotoFirstChild()) return root;
        depth = 1;
        for (;;) {
          const typeId = cursor.nodeTypeId;
          const type = table.types[typeId] ?? cursor.nodeType;
          const named = table.named[typeId] ?? cursor.nodeIsNamed;
          // Punctuation and keywords outside macro token trees are only remembered by type on
          // their parent (`hasAnonymous`): most rules never look at them, and skipping them
          // halves the boundary crossings.
          if (!named && !parent.inTokens && parent.type !== 'token_tree') {
            parent.tokens.push(type);
            if (++count > limits.maxNodes) {
              state.refused = true;
              return root;
            }
            while (!cursor.gotoNextSibling()) {
              if (!cursor.gotoParent() || depth <= 1) return root;
              depth--;
              parent = parent.parent ?? root;
            }
            continue;
          }
          const fieldId = cursor.currentFieldId;
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          const node = new SyntaxNode(
            self,
            type,
            named,
            fieldId > 0 ? (table.fields[fieldId] ?? null) : null,
            start,
            end,
            parent,
            start === end && cursor.nodeIsMissing,
          );
          node.inTokens = parent.inTokens || parent.type === 'token_tree';
          node.index = parent.children.length;
          parent.children.push(node);
          if (named) {
            self.byId.set(cursor.nodeId, node);
            const list = self.byType.get(type);
            if (list) list.push(node);
            else self.byType.set(type, [node]);
          }
          if (++count > limits.maxNodes) {
            state.refused = true;
            return root;
          }
          if (depth < limits.maxDepth && cursor.gotoFirstChild()) {
            parent = node;
            depth++;
            continue;
          }
          if (depth >= limits.maxDepth && cursor.gotoFirstChild()) {
            state.refused = true;
            return root;
          }
          while (!cursor.gotoNextSibling()) {
            if (!cursor.gotoParent() || depth <= 1) return root;
            depth--;
            parent = parent.parent ?? root;
          }
        }
      } finally {
        cursor.delete();
      }
    });
    return state.refused ? null : result;
  }
}

interface LanguageTables {
  types: (string | undefined)[];
  named: (boolean | undefined)[];
  fields: (string | undefined)[];
}

const tables = new WeakMap<Language, LanguageTables>();

/** Node type names, namedness and field names by id, read from the grammar once. */
function tablesFor(language: Language): LanguageTables {
  const cached = tables.get(language);
  if (cached) return cached;
  const types: (string | undefined)[] = [];
  const named: (boolean | undefined)[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    types.push(language.nodeTypeForId(id) ?? undefined);
    named.push(language.nodeTypeIsNamed(id));
  }
  const fields: (string | undefined)[] = [undefined];
  for (let id = 1; id <= language.fieldCount; id++)
    fields.push(language.fieldNameForId(id) ?? undefined);
  const built = { types, named, fields };
  tables.set(language, built);
  return built;
}

function hasMissing(root: SyntaxNode): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.missing) return true;
    stack.push(...node.children);
  }
  return false;
}

/**
 * The deepest bracket nesting in `code`, skipping string literals and comments. Used as a cheap
 * guard before parsing: tree-sitter takes a long time on tens of thousands of nested brackets.
 */
export function bracketDepth(code: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < code.length; i++) {
    const skipped = skipLiteral(code, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Closes the brackets a pasted fragment leaves open at its end (`impl .. { fn drop(..) { ..` cut
 * off before its last `}`), on a new line after the code, so that tree-sitter reads the open items
 * as items instead of one ERROR node. Offsets and lines of the code do not change. Code whose
 * brackets do not nest (a closer that matches no opener) is returned unchanged.
 */
export function closeOpenBrackets(code: string): string {
  const open: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const skipped = skipLiteral(code, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = code.charAt(i);
    if (c === '(') open.push(')');
    else if (c === '[') open.push(']');
    else if (c === '{') open.push('}');
    else if ((c === ')' || c === ']' || c === '}') && open.pop() !== c) return code;
  }
  return open.length === 0 ? code : `${code}\n${open.reverse().join('')}`;
}

/** When a comment, string or char literal starts at `i`, the index of its last character. */
function skipLiteral(code: string, i: number): number {
  const c = code.charCodeAt(i);
  const next = code.charCodeAt(i + 1);
  if (c === 47 /* / */ && next === 47) {
    const end = code.indexOf('\n', i);
    return end < 0 ? code.length : end;
  }
  if (c === 47 && next === 42 /* * */) {
    const end = code.indexOf('*/', i + 2);
    return end < 0 ? code.length : end + 1;
  }
  if (c === 34 /* " */) {
    let j = i + 1;
    while (j < code.length && code.charCodeAt(j) !== 34) j += code.charCodeAt(j) === 92 ? 2 : 1;
    return Math.min(j, code.length);
  }
  if (c === 39 /* ' */) {
    if (next === 92 /* \\ */) {
      const end = code.indexOf("'", i + 2);
      return end > 0 && end - i <= 12 ? end : i;
    }
    if (code.charCodeAt(i + 2) === 39) return i + 2;
  }
  return i;
}

/**
 * Blanks out the `...` and `…` placeholders people leave in pasted fragments (outside strings
 * and comments), keeping every offset, so that tree-sitter sees `{ }` instead of a range error.
 */
export function blankPlaceholders(code: string): string {
  if (!code.includes('...') && !code.includes('…')) return code;
  let out = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const skipped = skipLiteral(code, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = code.charCodeAt(i);
    if (c === 0x2026) {
      out += code.slice(from, i) + ' ';
      from = i + 1;
    } else if (c === 46 && code.startsWith('...', i) && code.charCodeAt(i + 3) !== 61 /* = */) {
      out += code.slice(from, i) + '   ';
      from = i + 3;
      i += 2;
    }
  }
  return out + code.slice(from);
}

/** Macros whose arguments are ordinary, comma-separated expressions (format strings included). */
export const EXPRESSION_MACROS = new Set([
  'assert',
  'assert_eq',
  'assert_ne',
  'debug_assert',
  'debug_assert_eq',
  'debug_assert_ne',
  'println',
  'print',
  'eprintln',
  'eprint',
  'write',
  'writeln',
  'panic',
]);

/**
 * Replaces the `!` of `assert_eq!(..)`, `println!(..)` and the other expression macros by a space
 * (outside strings and comments), so that tree-sitter reads their arguments as the arguments of a
 * call instead of an opaque token tree. Offsets do not change.
 */
export function unfoldExpressionMacros(code: string): string {
  if (!code.includes('!(')) return code;
  let out = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const skipped = skipLiteral(code, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (code.charCodeAt(i) !== 33 /* ! */ || code.charCodeAt(i + 1) !== 40 /* ( */) continue;
    let start = i;
    while (start > 0 && isIdentifierChar(code.charCodeAt(start - 1))) start--;
    const before = start > 0 ? code.charAt(start - 1) : '';
    if (before === ':' || before === '.' || !EXPRESSION_MACROS.has(code.slice(start, i))) continue;
    out += code.slice(from, i) + ' ';
    from = i + 1;
  }
  return from === 0 ? code : out + code.slice(from);
}

function isIdentifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
