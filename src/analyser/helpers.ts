// Small syntax helpers the rules share: reading calls, unwrapping parentheses and `unsafe { .. }`,
// finding the statement or body around a node.
import type { SyntaxNode } from './syntax.js';
import { lastSegment } from './types.js';

export interface CallParts {
  call: SyntaxNode;
  /** `Pin::new(..)` -> 'path', `x.poll(..)` -> 'method', `foo(..)` -> 'fn'. */
  kind: 'path' | 'method' | 'fn' | 'other';
  /** The last segment before the name (`Pin` in `std::pin::Pin::new`), '' for methods. */
  owner: string;
  /** The called function or method name. */
  name: string;
  /** The method receiver. */
  receiver: SyntaxNode | null;
  args: SyntaxNode[];
}

/** Reads a call_expression. */
export function callParts(call: SyntaxNode): CallParts | null {
  if (call.type !== 'call_expression') return null;
  let fn = call.child('function');
  const args = call.child('arguments')?.namedChildren.filter((a) => !isComment(a)) ?? [];
  if (!fn) return null;
  if (fn.type === 'generic_function') fn = fn.child('function') ?? fn;
  if (fn.type === 'scoped_identifier') {
    return {
      call,
      kind: 'path',
      owner: lastSegment(fn.child('path')?.text ?? ''),
      name: fn.child('name')?.text ?? '',
      receiver: null,
      args,
    };
  }
  if (fn.type === 'field_expression') {
    return {
      call,
      kind: 'method',
      owner: '',
      name: fn.child('field')?.text ?? '',
      receiver: fn.child('value'),
      args,
    };
  }
  if (fn.type === 'identifier')
    return { call, kind: 'fn', owner: '', name: fn.text, receiver: null, args };
  return { call, kind: 'other', owner: '', name: '', receiver: null, args };
}

export function isComment(node: SyntaxNode): boolean {
  return node.type === 'line_comment' || node.type === 'block_comment';
}

/**
 * The value expression at the end of a block, if any. tree-sitter wraps block-like tails
 * (`unsafe { .. }`, `if`, `match`, `async { .. }`) in an expression_statement without `;`.
 */
export function tailOf(block: SyntaxNode | null): SyntaxNode | null {
  if (!block) return null;
  const body =
    block.type === 'unsafe_block' || block.type === 'async_block'
      ? block.childOfType('block')
      : block;
  const last = body?.lastNamedChild;
  if (!last) return null;
  if (last.type === 'expression_statement')
    return last.hasAnonymous(';') ? null : (last.namedChildren[0] ?? null);
  if (
    last.type.endsWith('_statement') ||
    last.type.endsWith('_item') ||
    last.type === 'let_declaration'
  )
    return null;
  return last;
}

/** Strips parentheses and single-expression `unsafe { .. }` / `{ .. }` blocks. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let guard = 0; guard < 8; guard++) {
    if (current.type === 'parenthesized_expression') {
      const inner = current.namedChildren.find((c) => !isComment(c));
      if (!inner) return current;
      current = inner;
    } else if (current.type === 'unsafe_block' || current.type === 'block') {
      const block = current.type === 'unsafe_block' ? current.childOfType('block') : current;
      const inner = block?.namedChildren.filter((c) => !isComment(c)) ?? [];
      const only = tailOf(current);
      if (inner.length !== 1 || !only) return current;
      current = only;
    } else {
      return current;
    }
  }
  return current;
}

/** Walks up from `node` through parentheses and transparent `unsafe { .. }` blocks. */
export function outerExpression(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let guard = 0; guard < 8; guard++) {
    const parent = current.parent;
    if (!parent) return current;
    if (parent.type === 'parenthesized_expression') {
      current = parent;
    } else if (
      parent.type === 'expression_statement' &&
      !parent.hasAnonymous(';') &&
      parent.parent?.type === 'block'
    ) {
      current = parent;
    } else if (parent.type === 'block' && parent.parent?.type === 'unsafe_block') {
      const inner = parent.namedChildren.filter((c) => !isComment(c));
      if (inner.length !== 1) return current;
      current = parent.parent;
    } else {
      return current;
    }
  }
  return current;
}

/** `&mut x` -> `x` (null when `node` is not a mutable borrow). */
export function mutBorrowTarget(node: SyntaxNode): SyntaxNode | null {
  const inner = unwrap(node);
  if (inner.type !== 'reference_expression' || !inner.childOfType('mutable_specifier')) return null;
  return inner.child('value');
}

/** True when `node` runs in an unsafe context (an `unsafe` block or an `unsafe fn`). */
export function inUnsafe(node: SyntaxNode): boolean {
  for (const ancestor of node.ancestors()) {
    if (ancestor.type === 'unsafe_block') return true;
    if (ancestor.type === 'function_item') {
      return ancestor.childOfType('function_modifiers')?.hasAnonymous('unsafe') ?? false;
    }
    if (ancestor.type === 'closure_expression') continue;
  }
  return false;
}

/** The statement (direct child of a block or of the file) that contains `node`. */
export function statementOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (const ancestor of node.ancestors()) {
    if (
      ancestor.type === 'block' ||
      ancestor.type === 'source_file' ||
      ancestor.type === 'declaration_list'
    ) {
      return current;
    }
    current = ancestor;
  }
  return current;
}

/** The function body (or, in a fragment, the whole file) that contains `node`. */
export function bodyOf(node: SyntaxNode): SyntaxNode {
  const fn = node.closest(['function_item']);
  return fn?.child('body') ?? node.tree.root;
}

/** True when `a` ends before `b` starts. */
export function before(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.end <= b.start;
}

/** The name a plain place expression reads (`fut`, `self.inner`), for messages. */
export function placeName(node: SyntaxNode): string {
  const inner = unwrap(node);
  const text = inner.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The macros' names whose arguments may hold the given variable name as a token. */
export function tokensNamed(tokenTree: SyntaxNode, name: string): SyntaxNode[] {
  return tokenTree.descendants(['identifier']).filter((t) => t.text === name);
}

/** Methods that take a `Pin<&mut Self>` (or the pin itself) by value. */
export const CONSUMING_PIN_METHODS = new Set([
  'poll',
  'poll_next',
  'poll_read',
  'poll_write',
  'poll_flush',
  'poll_close',
  'poll_shutdown',
  'poll_ready',
  'poll_fill_buf',
  'start_send',
  'get_unchecked_mut',
  'map_unchecked_mut',
  'get_mut',
  'into_ref',
  'project',
]);
