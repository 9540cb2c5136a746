// A small model of Rust types, read from tree-sitter type nodes or built while guessing the type
// of an expression. Only what the pin rules need: paths with generic arguments, references,
// pointers, trait objects, `impl Trait`, tuples, arrays and the anonymous futures of async code.
import type { SyntaxNode } from './syntax.js';

export type Ty =
  | { k: 'path'; name: string; path: string; args: Ty[] }
  | { k: 'ref'; mut: boolean; inner: Ty }
  | { k: 'ptr'; mut: boolean; inner: Ty }
  /** `output`: what calling it returns, from an `Fn*` bound (`dyn Fn() -> F`). */
  | { k: 'dyn'; bounds: string[]; output?: Ty }
  /** `leaks`: a return-position `impl Trait`, whose auto traits come from the hidden type. */
  | { k: 'impl'; bounds: string[]; leaks?: boolean; output?: Ty }
  | { k: 'tuple'; items: Ty[] }
  | { k: 'array'; inner: Ty }
  | { k: 'fn'; output?: Ty }
  /** The anonymous future of an async block, async fn call or async closure call. */
  /** `origin` identifies the anonymous type: two different origins are two different types. */
  | { k: 'async'; what: string; probable?: boolean; origin?: string }
  | { k: 'closure'; async: boolean }
  | { k: 'unknown' };

export const UNKNOWN: Ty = { k: 'unknown' };

export function pathTy(name: string, args: Ty[] = [], path = name): Ty {
  return { k: 'path', name, path, args };
}

const PRIMITIVES = new Set([
  'bool',
  'char',
  'str',
  'u8',
  'u16',
  'u32',
  'u64',
  'u128',
  'usize',
  'i8',
  'i16',
  'i32',
  'i64',
  'i128',
  'isize',
  'f32',
  'f64',
]);

export function isPrimitive(name: string): boolean {
  return PRIMITIVES.has(name);
}

/** The scalar primitives, which are all `Copy` (`str` is a primitive but unsized, not `Copy`). */
export function isCopyScalar(name: string): boolean {
  return name !== 'str' && PRIMITIVES.has(name);
}

/** The last segment of a path written as text (`std::pin::Pin` -> `Pin`). */
export function lastSegment(path: string): string {
  const cleaned = path.replace(/<.*$/s, '');
  const index = cleaned.lastIndexOf('::');
  return (index < 0 ? cleaned : cleaned.slice(index + 2)).trim();
}

/** Reads a tree-sitter type node. */
export function readType(node: SyntaxNode | null): Ty {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'type_identifier':
    case 'primitive_type':
    case 'identifier':
      return pathTy(node.text);
    case 'scoped_type_identifier':
    case 'scoped_identifier': {
      const name = node.child('name')?.text ?? lastSegment(node.text);
      return pathTy(name, [], node.text);
    }
    case 'generic_type': {
      const base = node.child('type');
      const name = base ? (base.child('name')?.text ?? lastSegment(base.text)) : '?';
      const argsNode = node.child('type_arguments');
      const args = argsNode ? typeArguments(argsNode) : [];
      return pathTy(name, args, base?.text ?? name);
    }
    case 'reference_type':
      return {
        k: 'ref',
        mut: node.childOfType('mutable_specifier') !== null,
        inner: readType(node.child('type')),
      };
    case 'pointer_type':
      return { k: 'ptr', mut: node.hasAnonymous('mut'), inner: readType(node.child('type')) };
    case 'dynamic_type':
      return withOutput({ k: 'dyn', bounds: boundNames(node) }, callOutputOf(node));
    case 'abstract_type':
      return withOutput({ k: 'impl', bounds: boundNames(node) }, callOutputOf(node));
    case 'bounded_type': {
      // `dyn Future<Output = T> + Send + 'a`
      const first = node.namedChildren[0] ?? null;
      const inner = readType(first);
      const extra = node.namedChildren.slice(1).flatMap((child) => boundNames(child, true));
      if (inner.k === 'dyn' || inner.k === 'impl')
        return { ...inner, bounds: [...inner.bounds, ...extra] };
      return inner;
    }
    case 'tuple_type':
      return { k: 'tuple', items: node.namedChildren.map((child) => readType(child)) };
    case 'unit_type':
      return { k: 'tuple', items: [] };
    case 'array_type':
      return { k: 'array', inner: readType(node.child('element')) };
    case 'function_type':
      return withOutput({ k: 'fn' }, callOutputOf(node, true));
    case 'parenthesized_type':
      return readType(node.namedChildren[0] ?? null);
    default:
      return UNKNOWN;
  }
}

function typeArguments(node: SyntaxNode): Ty[] {
  const out: Ty[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'lifetime' || child.type === 'type_binding') continue;
    out.push(readType(child));
  }
  return out;
}

/** Trait names (last segments) in a bound list such as `dyn Future<Output = T> + Send`. */
export function boundNames(node: SyntaxNode, self = false): string[] {
  const names: string[] = [];
  const visit = (n: SyntaxNode): void => {
    switch (n.type) {
      case 'type_identifier':
        names.push(n.text);
        return;
      case 'scoped_type_identifier':
        names.push(n.child('name')?.text ?? lastSegment(n.text));
        return;
      case 'generic_type': {
        const base = n.child('type');
        if (base) visit(base);
        return;
      }
      case 'lifetime':
        return;
      case 'function_type':
        names.push(n.child('trait')?.text ?? 'Fn');
        return;
      default:
        for (const child of n.namedChildren) visit(child);
    }
  };
  if (self) visit(node);
  else for (const child of node.namedChildren) visit(child);
  return names;
}

/**
 * What calling a value bounded by `node` returns: the return type of the first `Fn*` bound in a
 * bound list (`impl FnMut(usize) -> F`, `M: Fn() -> Fut + Send`), `()` when it writes none; null
 * when no bound is an `Fn*` trait. With `self`, `node` is the `function_type` itself.
 */
export function callOutputOf(node: SyntaxNode, self = false): Ty | null {
  const visit = (n: SyntaxNode): Ty | null => {
    if (n.type === 'function_type') {
      const returned = n.child('return_type');
      return returned ? readType(returned) : { k: 'tuple', items: [] };
    }
    if (!['trait_bounds', 'bounded_type', 'dynamic_type', 'abstract_type'].includes(n.type))
      return null;
    for (const child of n.namedChildren) {
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  if (self) return visit(node);
  for (const child of node.namedChildren) {
    const found = visit(child);
    if (found) return found;
  }
  return null;
}

function withOutput<T extends Ty>(ty: T, output: Ty | null): T {
  return output ? { ...ty, output } : ty;
}

/** Renders a type for messages. */
export function showTy(ty: Ty): string {
  switch (ty.k) {
    case 'path':
      return ty.args.length > 0 ? `${ty.name}<${ty.args.map(showTy).join(', ')}>` : ty.name;
    case 'ref':
      return `&${ty.mut ? 'mut ' : ''}${showTy(ty.inner)}`;
    case 'ptr':
      return `*${ty.mut ? 'mut' : 'const'} ${showTy(ty.inner)}`;
    case 'dyn':
      return `dyn ${ty.bounds.join(' + ')}`;
    case 'impl':
      return `impl ${ty.bounds.join(' + ')}`;
    case 'tuple':
      return `(${ty.items.map(showTy).join(', ')})`;
    case 'array':
      return `[${showTy(ty.inner)}]`;
    case 'fn':
      return 'fn';
    case 'async':
      return ty.what;
    case 'closure':
      return 'closure';
    case 'unknown':
      return '_';
  }
}

/** `Pin<..>` and what it points to. */
export function pinParts(ty: Ty): { pointer: 'mut' | 'ref' | 'box' | 'other'; target: Ty } | null {
  if (ty.k !== 'path' || ty.name !== 'Pin') return null;
  const pointer = ty.args[0] ?? UNKNOWN;
  if (pointer.k === 'ref') return { pointer: pointer.mut ? 'mut' : 'ref', target: pointer.inner };
  if (pointer.k === 'path' && pointer.name === 'Box') {
    return { pointer: 'box', target: pointer.args[0] ?? UNKNOWN };
  }
  return { pointer: 'other', target: UNKNOWN };
}

export function isPinMut(ty: Ty): boolean {
  return pinParts(ty)?.pointer === 'mut';
}

/** True for types whose values are futures (anonymous futures, `impl Future`, `dyn Future`). */
export function isFutureTy(ty: Ty): boolean {
  if (ty.k === 'async') return true;
  if (ty.k === 'impl' || ty.k === 'dyn') return ty.bounds.includes('Future');
  return false;
}
