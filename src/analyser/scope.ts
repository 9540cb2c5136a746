// Name resolution for local variables: which `let`, parameter, closure parameter or pattern an
// identifier refers to (shadowing included), and how each use treats the value (moved, borrowed,
// used as a method receiver ...). Rust's scoping is lexical, so this follows the tree.
import { EXPRESSION_MACROS, type SyntaxNode, type SyntaxTree } from './syntax.js';

export type BindingKind = 'let' | 'param' | 'self' | 'closure-param' | 'pattern' | 'macro-pin';

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The let_declaration, parameter, closure, for/match/if node, or the `pin!(x);` statement. */
  readonly decl: SyntaxNode;
  /** The identifier that introduces the name (null for `self`). */
  readonly ident: SyntaxNode | null;
  /** The written type, if any. */
  readonly typeNode: SyntaxNode | null;
  /** The initializer of a `let`. */
  readonly value: SyntaxNode | null;
  /** Where the name is visible: uses are looked for inside this node, after `decl`. */
  readonly scope: SyntaxNode;
  readonly mutable: boolean;
}

/** How an occurrence of a variable treats its value. */
export type UseKind =
  | 'move'
  | 'borrow'
  | 'borrow-mut'
  | 'receiver'
  | 'field'
  | 'deref'
  | 'assign'
  | 'compound-assign'
  | 'call'
  | 'macro'
  | 'other';

const PIN_MACROS = new Set(['pin_mut', 'pin']);

export class Scopes {
  private readonly resolved = new Map<SyntaxNode, Binding | null>();
  private readonly bindings = new Map<string, Binding>();
  private readonly declarations = new Map<SyntaxNode, Map<string, number[]>>();
  private snippetPinMacros: Set<string> | null = null;

  /** The binding `ident` (an `identifier` or `self` node) refers to, or null. */
  resolve(ident: SyntaxNode): Binding | null {
    const cached = this.resolved.get(ident);
    if (cached !== undefined) return cached;
    const found = this.lookup(ident);
    this.resolved.set(ident, found);
    return found;
  }

  /** Every occurrence of `binding` after its declaration. */
  usesOf(binding: Binding): SyntaxNode[] {
    const type = binding.name === 'self' ? 'self' : 'identifier';
    return binding.scope.tree
      .ofTypeWithin(binding.scope, type)
      .filter(
        (node) =>
          node.text === binding.name &&
          node !== binding.ident &&
          node.start >= binding.decl.start &&
          isVariableReference(node) &&
          this.resolve(node) === binding,
      );
  }

  private lookup(ident: SyntaxNode): Binding | null {
    const name = ident.text;
    let node: SyntaxNode = ident;
    for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
      switch (parent.type) {
        case 'block':
        case 'source_file': {
          const found = this.inStatements(parent, node.index, name);
          if (found) return found;
          break;
        }
        case 'function_item': {
          if (node.field !== 'body') return null;
          const params = parent.child('parameters');
          return params ? this.inParameters(params, name, parent) : null;
        }
        case 'closure_expression': {
          if (node.field !== 'body') break;
          const params = parent.child('parameters');
          const found = params ? this.inClosureParameters(params, name, parent) : null;
          if (found) return found;
          break;
        }
        case 'for_expression': {
          if (node.field !== 'body') break;
          const found = this.inPattern(parent, name, node);
          if (found) return found;
          break;
        }
        case 'match_arm': {
          if (node.field === 'pattern') break;
          const found = this.inPattern(parent, name, parent);
          if (found) return found;
          break;
        }
        case 'if_expression':
        case 'while_expression': {
          if (node.field !== 'consequence' && node.field !== 'body') break;
          const condition = parent.child('condition');
          const found = condition ? this.inLetConditions(condition, name, node) : null;
          if (found) return found;
          break;
        }
        default:
          break;
      }
    }
    return null;
  }

  /** `name` bound by the `pattern` of a `for` loop or match arm, visible within `scope`. */
  private inPattern(owner: SyntaxNode, name: string, scope: SyntaxNode): Binding | null {
    const pattern = owner.child('pattern');
    if (!pattern || !patternNames(pattern).some((n) => n.text === name)) return null;
    return this.make(name, 'pattern', owner, identIn(pattern, name), null, null, scope, false);
  }

  private inStatements(block: SyntaxNode, before: number, name: string): Binding | null {
    const declared = this.declarationsIn(block).get(name);
    if (!declared) return null;
    // The last declaring statement before `before` (indices are sorted).
    let low = 0;
    let high = declared.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((declared[mid] ?? 0) < before) low = mid + 1;
      else high = mid;
    }
    const statement = block.children[declared[low - 1] ?? -1];
    if (!statement) return null;
    if (statement.type === 'let_declaration') {
      const pattern = statement.child('pattern');
      const ident = pattern ? identIn(pattern, name) : null;
      if (!pattern || !ident) return null;
      const simple = pattern.type === 'identifier' || isMutPattern(pattern);
      return this.make(
        name,
        'let',
        statement,
        ident,
        simple ? statement.child('type') : null,
        simple ? statement.child('value') : null,
        block,
        ident.parent?.type === 'mut_pattern' ||
          (ident === pattern && statement.childOfType('mutable_specifier') !== null),
      );
    }
    const tokens = statement.namedChildren[0]?.childOfType('token_tree');
    const ident = tokens?.namedChildren.find((t) => t.type === 'identifier' && t.text === name);
    return ident ? this.make(name, 'macro-pin', statement, ident, null, null, block, false) : null;
  }

  /** `pin!(x);`, `pin_mut!(x);` or a snippet's own macro that shadows `x` with its pin. */
  private isPinMacro(macro: SyntaxNode): boolean {
    const name = macroName(macro);
    if (PIN_MACROS.has(name)) return true;
    this.snippetPinMacros ??= pinningMacros(macro.tree);
    return this.snippetPinMacros.has(name);
  }

  /** For a block: each name -> the (sorted) indices of the statements that declare it. */
  private declarationsIn(block: SyntaxNode): Map<string, number[]> {
    const cached = this.declarations.get(block);
    if (cached) return cached;
    const index = new Map<string, number[]>();
    const add = (name: string, at: number): void => {
      const list = index.get(name);
      if (list) list.push(at);
      else index.set(name, [at]);
    };
    block.children.forEach((statement, at) => {
      if (statement.type === 'let_declaration') {
        const pattern = statement.child('pattern');
        for (const ident of pattern ? patternNames(pattern) : []) add(ident.text, at);
      } else if (statement.type === 'expression_statement') {
        const macro = statement.namedChildren[0];
        if (macro?.type === 'macro_invocation' && this.isPinMacro(macro)) {
          const tokens = macro.childOfType('token_tree');
          for (const token of tokens?.namedChildren ?? [])
            if (token.type === 'identifier') add(token.text, at);
        }
      }
    });
    this.declarations.set(block, index);
    return index;
  }

  private inParameters(params: SyntaxNode, name: string, fn: SyntaxNode): Binding | null {
    const body = fn.child('body');
    if (!body) return null;
    for (const param of params.namedChildren) {
      if (param.type === 'self_parameter' && name === 'self') {
        return this.make(
          'self',
          'self',
          param,
          null,
          null,
          null,
          body,
          param.childOfType('mutable_specifier') !== null,
        );
      }
      if (param.type !== 'parameter') continue;
      const pattern = param.child('pattern');
      if (!pattern) continue;
      if (pattern.type === 'self' && name === 'self') {
        return this.make(
          'self',
          'self',
          param,
          null,
          param.child('type'),
          null,
          body,
          param.childOfType('mutable_specifier') !== null,
        );
      }
      const ident = identIn(pattern, name);
      if (ident) {
        const simple = pattern.type === 'identifier' || isMutPattern(pattern);
        return this.make(
          name,
          'param',
          param,
          ident,
          simple ? param.child('type') : null,
          null,
          body,
          param.childOfType('mutable_specifier') !== null || pattern.type === 'mut_pattern',
        );
      }
    }
    return null;
  }

  private inClosureParameters(
    params: SyntaxNode,
    name: string,
    closure: SyntaxNode,
  ): Binding | null {
    for (const param of params.namedChildren) {
      const pattern = param.type === 'parameter' ? param.child('pattern') : param;
      if (!pattern) continue;
      const ident = identIn(pattern, name);
      if (ident) {
        const typeNode = param.type === 'parameter' ? param.child('type') : null;
        return this.make(
          name,
          'closure-param',
          closure,
          ident,
          typeNode,
          null,
          closure.child('body') ?? closure,
          false,
        );
      }
    }
    return null;
  }

  private inLetConditions(condition: SyntaxNode, name: string, scope: SyntaxNode): Binding | null {
    const lets =
      condition.type === 'let_condition' ? [condition] : condition.descendants(['let_condition']);
    for (const letCondition of lets.reverse()) {
      const pattern = letCondition.child('pattern');
      const ident = pattern ? identIn(pattern, name) : null;
      if (ident) return this.make(name, 'pattern', letCondition, ident, null, null, scope, false);
    }
    return null;
  }

  private make(
    name: string,
    kind: BindingKind,
    decl: SyntaxNode,
    ident: SyntaxNode | null,
    typeNode: SyntaxNode | null,
    value: SyntaxNode | null,
    scope: SyntaxNode,
    mutable: boolean,
  ): Binding {
    const key = `${decl.start}:${decl.end}:${decl.type}:${name}`;
    const existing = this.bindings.get(key);
    if (existing) return existing;
    const binding: Binding = { name, kind, decl, ident, typeNode, value, scope, mutable };
    this.bindings.set(key, binding);
    return binding;
  }
}

function isMutPattern(pattern: SyntaxNode): boolean {
  return (
    pattern.type === 'mut_pattern' && pattern.namedChildren.some((c) => c.type === 'identifier')
  );
}

const patternCache = new WeakMap<SyntaxNode, SyntaxNode[]>();

/** The identifiers a pattern binds. */
export function patternNames(pattern: SyntaxNode): SyntaxNode[] {
  if (pattern.type === 'identifier') return [pattern];
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const names = computePatternNames(pattern);
  patternCache.set(pattern, names);
  return names;
}

function computePatternNames(pattern: SyntaxNode): SyntaxNode[] {
  // A match arm's guard (`Some(x) if x > limit`) is an expression, not part of the pattern.
  const guard = pattern.type === 'match_pattern' ? pattern.child('condition') : null;
  return pattern.descendants(['identifier', 'shorthand_field_identifier']).filter((node) => {
    const parent = node.parent;
    if (!parent || (guard && node.within(guard))) return false;
    if (parent.type === 'scoped_identifier' || parent.type === 'scoped_type_identifier')
      return false;
    if (parent.type === 'tuple_struct_pattern' && node.field === 'type') return false;
    if (parent.type === 'struct_pattern' && node.field === 'type') return false;
    if (parent.type === 'field_pattern' && node.field === 'name' && parent.namedChildren.length > 1)
      return false;
    // A lone capitalised identifier in a pattern is usually a unit variant or constant.
    return !(
      pattern.type !== 'identifier' &&
      /^[A-Z]/.test(node.text) &&
      parent.type === 'match_pattern'
    );
  });
}

function identIn(pattern: SyntaxNode, name: string): SyntaxNode | null {
  return patternNames(pattern).find((node) => node.text === name) ?? null;
}

/**
 * The `macro_rules!` macros of the snippet that re-bind an identifier argument to its pin, as
 * `pin_mut!` does: a rule whose body has `let [mut] $x = ..` and pins (`Pin::new_unchecked`,
 * `pin!`, `Box::pin`).
 */
function pinningMacros(tree: SyntaxTree): Set<string> {
  const names = new Set<string>();
  for (const definition of tree.ofType('macro_definition')) {
    const name = definition.child('name')?.text;
    if (!name) continue;
    for (const rule of definition.namedChildren) {
      const right = rule.type === 'macro_rule' ? rule.child('right') : null;
      if (right && rebindsMetavariable(right) && pins(right)) names.add(name);
    }
  }
  return names;
}

/** `let [mut] $x` in a macro body, repetitions (`$( .. )*`) and nested groups included. */
function rebindsMetavariable(body: SyntaxNode, depth = 0): boolean {
  const tokens = body.children;
  return tokens.some((token, at) => {
    if (token.children.length > 0) return depth < 8 && rebindsMetavariable(token, depth + 1);
    if (token.text !== 'let') return false;
    const next = tokens[at + 1];
    const bound = next?.text === 'mut' ? tokens[at + 2] : next;
    return bound?.type === 'metavariable';
  });
}

function pins(body: SyntaxNode): boolean {
  const words = body.descendants(['identifier']).map((token) => token.text);
  return (
    words.includes('new_unchecked') ||
    (words.includes('Box') && words.includes('pin')) ||
    /\bpin\s*!/.test(body.text)
  );
}

/** The macro's name without path and `!` (`tokio::pin!` -> `pin`). */
export function macroName(macro: SyntaxNode): string {
  const name = macro.child('macro');
  if (!name) return '';
  return name.type === 'scoped_identifier' ? (name.child('name')?.text ?? '') : name.text;
}

/** True when an `identifier` node names a variable (not a path segment, macro, field or label). */
export function isVariableReference(node: SyntaxNode): boolean {
  if (node.type === 'self')
    return node.parent?.type !== 'scoped_identifier' || node.field === 'path';
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'scoped_identifier':
    case 'scoped_type_identifier':
    case 'function_item':
    case 'struct_item':
    case 'enum_item':
    case 'const_item':
    case 'static_item':
    case 'mod_item':
    case 'use_declaration':
    case 'use_as_clause':
    case 'scoped_use_list':
    case 'use_list':
    case 'label':
    case 'lifetime':
    case 'attribute':
    case 'meta_item':
      return false;
    case 'macro_invocation':
      return node.field !== 'macro';
    // A name in a pattern declares a binding (or names a constant); it does not read one.
    case 'let_declaration':
    case 'parameter':
    case 'for_expression':
    case 'let_condition':
      return node.field !== 'pattern';
    case 'mut_pattern':
    case 'ref_pattern':
    case 'tuple_pattern':
    case 'tuple_struct_pattern':
    case 'struct_pattern':
    case 'field_pattern':
    case 'slice_pattern':
    case 'or_pattern':
    case 'captured_pattern':
    case 'match_pattern':
    case 'closure_parameters':
      return false;
    case 'call_expression':
      // `foo(..)` names a function unless `foo` is a local closure; resolution decides.
      return true;
    default:
      return true;
  }
}

/** How the occurrence `node` of a variable uses its value. */
export function useKind(node: SyntaxNode): UseKind {
  let current = node;
  let parent = current.parent;
  while (parent?.type === 'parenthesized_expression') {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return 'other';
  switch (parent.type) {
    case 'reference_expression':
      return parent.childOfType('mutable_specifier') ? 'borrow-mut' : 'borrow';
    case 'field_expression': {
      if (current.field !== 'value') return 'other';
      const grand = parent.parent;
      return grand?.type === 'call_expression' && grand.child('function') === parent
        ? 'receiver'
        : 'field';
    }
    case 'call_expression':
      return current.field === 'function' ? 'call' : 'other';
    case 'arguments': {
      // `println (x)` / `assert_eq (a, b)`: an unfolded format macro only borrows its arguments.
      const callee = parent.parent?.child('function');
      // The engine unfolds these macros into calls; they take their arguments by reference.
      if (callee?.type === 'identifier' && EXPRESSION_MACROS.has(callee.text)) return 'macro';
      return 'move';
    }
    case 'let_declaration':
    case 'return_expression':
    case 'tuple_expression':
    case 'array_expression':
    case 'await_expression':
    case 'try_expression':
    case 'shorthand_field_initializer':
    case 'field_initializer':
    case 'break_expression':
      return parent.type === 'let_declaration' && current.field !== 'value' ? 'other' : 'move';
    case 'assignment_expression':
      return current.field === 'left' ? 'assign' : 'move';
    case 'compound_assignment_expr':
      return current.field === 'left' ? 'compound-assign' : 'other';
    case 'block':
      // A block's tail expression is its value.
      return parent.lastNamedChild === current && !isStatementLike(current) ? 'move' : 'other';
    case 'closure_expression':
      return current.field === 'body' ? 'move' : 'other';
    case 'unary_expression':
      return parent.hasAnonymous('*') ? 'deref' : 'other';
    case 'token_tree':
      return 'macro';
    default:
      return 'other';
  }
}

function isStatementLike(node: SyntaxNode): boolean {
  return (
    node.type.endsWith('_statement') ||
    node.type.endsWith('_item') ||
    node.type === 'let_declaration'
  );
}

/** The closure expressions between `node` and `outer` (innermost first). */
export function closuresBetween(node: SyntaxNode, outer: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const ancestor of node.ancestors()) {
    if (ancestor === outer) break;
    if (ancestor.type === 'closure_expression' || ancestor.type === 'async_block')
      out.push(ancestor);
  }
  return out;
}

/** The innermost loop (loop/while/for) around `node` that lies inside `within`. */
export function loopAround(node: SyntaxNode, within: SyntaxNode): SyntaxNode | null {
  for (const ancestor of node.ancestors()) {
    if (ancestor === within || !ancestor.within(within)) return null;
    if (ancestor.type === 'closure_expression' || ancestor.type === 'function_item') return null;
    if (
      ancestor.type === 'loop_expression' ||
      ancestor.type === 'while_expression' ||
      ancestor.type === 'for_expression'
    ) {
      return ancestor;
    }
  }
  return null;
}

/**
 * True when `a` and `b` sit in branches that exclude each other (different arms of one `match`,
 * or the two sides of one `if`/`else`).
 */
export function exclusiveBranches(a: SyntaxNode, b: SyntaxNode): boolean {
  const chainA = [a, ...a.ancestors()];
  const chainB = new Set([b, ...b.ancestors()]);
  let common: SyntaxNode | null = null;
  let childA: SyntaxNode | null = null;
  for (const node of chainA) {
    if (chainB.has(node)) {
      common = node;
      break;
    }
    childA = node;
  }
  if (!common || !childA) return false;
  const childB = [b, ...b.ancestors()].find((node) => node.parent === common) ?? null;
  if (!childB || childB === childA) return false;
  if (common.type === 'match_block')
    return childA.type === 'match_arm' && childB.type === 'match_arm';
  if (common.type === 'if_expression') {
    const sides = new Set(['consequence', 'alternative']);
    return sides.has(childA.field ?? '') && sides.has(childB.field ?? '');
  }
  if (common.type === 'else_clause') return false;
  return false;
}
