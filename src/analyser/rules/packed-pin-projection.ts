// A reference to a field of a `#[repr(packed)]` struct may be misaligned, so rustc rejects it
// (E0793) whenever the field's alignment can exceed the packing; a pin projection
// (`map_unchecked_mut(|s| &mut s.fut)`) takes exactly such a reference. The `std::pin` docs forbid
// structural pinning in packed types altogether. References are also taken implicitly: a method
// that takes `&self`/`&mut self` autorefs the field (`self.fut.as_mut()`, `self.items.len()`), and
// the formatting macros borrow their arguments (`println!("{}", h.len)`). A copy (`{ h.len }`)
// or a by-value method on a `Copy` field (`h.len.count_ones()`) is fine.
import {
  autoderef,
  defineRule,
  unwrap,
  type Facts,
  type SyntaxNode,
  type Ty,
  type TypeItem,
} from '../rule.js';

const ALIGN: Record<string, number> = {
  u8: 1,
  i8: 1,
  bool: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  char: 4,
  u64: 8,
  i64: 8,
  f64: 8,
  usize: 8,
  isize: 8,
  u128: 16,
  i128: 16,
  String: 8,
  Vec: 8,
  Box: 8,
  Pin: 8,
  Rc: 8,
  Arc: 8,
  Option: 0,
  PhantomPinned: 1,
  PhantomData: 1,
};

export default defineRule({
  id: 'packed-pin-projection',
  description: 'a reference (pin projection) to a field of a `#[repr(packed)]` struct',
  severity: 'error',
  rustc: 'E0793',
  topic: 'repr-packed-and-pin',
  messages: {
    unaligned: {
      message:
        '`{{type}}` is `#[repr(packed{{packing}})]`, so `{{field}}` may sit at a misaligned address and a reference to it is rejected (E0793); a pinned field must be reachable through an aligned `&mut`, so packed types cannot pin their fields structurally.',
      fix: 'Remove `#[repr(packed)]` from `{{type}}` (use `#[repr(C)]` if you need a fixed layout), or keep the future behind a pointer: `{{field}}: Pin<Box<F>>`, and copy packed fields out by value (`{ self.{{field}} }`).',
    },
    unalignedAutoref: {
      message:
        '`{{type}}` is `#[repr(packed{{packing}})]`, so `{{field}}` may sit at a misaligned address; `.{{method}}()` takes `&`/`&mut` of it (autoref), which is an unaligned reference (E0793).',
      fix: 'Remove `#[repr(packed)]` from `{{type}}` (use `#[repr(C)]` if you need a fixed layout); a `Copy` field can be copied out first (`let {{field}} = { {{base}}.{{field}} };`) and the method called on the copy.',
    },
    unalignedFormat: {
      message:
        '`{{type}}` is `#[repr(packed{{packing}})]`, so `{{field}}` may sit at a misaligned address; `{{macro}}!` borrows its arguments, which takes an unaligned reference (E0793).',
      fix: 'Copy the field out first: pass `{ {{base}}.{{field}} }` (a block copies it) or bind it with `let` before the macro.',
    },
  },
  query: `
    (reference_expression value: (field_expression value: (_) @base field: (field_identifier) @field)) @ref
    (call_expression
      function: (field_expression
        value: (field_expression value: (_) @base field: (field_identifier) @field) @place
        field: (field_identifier) @method))
    (call_expression
      function: (identifier) @macro
      arguments: (arguments (field_expression value: (_) @base field: (field_identifier) @field) @place))
  `,
  check(context) {
    const { facts } = context;
    const packed = [...facts.types.values()].filter((item) => item.packed !== null);
    if (packed.length === 0) return;
    for (const match of context.matches) {
      const base = match.node('base');
      const field = match.node('field')?.text;
      const node = match.node('ref') ?? match.node('place');
      if (!base || !field || !node) continue;
      const item = ownerOf(facts, base, packed);
      if (!item) continue;
      const implicit = match.node('ref') === null;
      if (implicit && !typedAs(facts, base, item)) continue;
      const declared = item.fields.find((f) => f.name === field);
      if (!declared || alignment(facts, declared.ty, item) <= (item.packed ?? 1)) continue;
      const data = {
        type: item.name,
        field,
        packing: item.packed === 1 ? '' : `(${String(item.packed)})`,
      };
      const method = match.node('method')?.text;
      const macro = match.node('macro');
      if (method !== undefined) {
        if (!autorefs(facts, declared.ty, method)) continue;
        context.report({
          node,
          messageId: 'unalignedAutoref',
          data: { ...data, method, base: base.text },
        });
      } else if (macro) {
        // Only a macro unfolded into a call (its `!` became a space) that formats or compares.
        if (!BORROWING_MACROS.has(macro.text) || context.source[macro.end] !== ' ') continue;
        context.report({
          node,
          messageId: 'unalignedFormat',
          data: { ...data, macro: macro.text, base: base.text },
        });
      } else {
        context.report({ node, messageId: 'unaligned', data });
      }
    }
  },
});

/** Macros that take a reference to each argument (`format_args!`, `assert_eq!`'s `match (&a, &b)`). */
const BORROWING_MACROS = new Set([
  'println',
  'print',
  'eprintln',
  'eprint',
  'write',
  'writeln',
  'panic',
  'assert_eq',
  'assert_ne',
  'debug_assert_eq',
  'debug_assert_ne',
]);

const SCALARS = new Set([
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'u64',
  'i64',
  'u128',
  'i128',
  'usize',
  'isize',
  'f32',
  'f64',
  'bool',
  'char',
]);

/** Methods a `Copy` scalar has that take `&self` (most of its methods take `self` by value). */
const SCALAR_REF_METHODS = new Set([
  'clone',
  'to_string',
  'to_owned',
  'eq',
  'ne',
  'cmp',
  'partial_cmp',
  'hash',
  'fmt',
]);

/** Standard methods that take `&self` or `&mut self` (on the type or its `Deref` target). */
const REF_METHODS = new Set([
  ...SCALAR_REF_METHODS,
  'as_mut',
  'as_ref',
  'as_deref',
  'as_deref_mut',
  'as_str',
  'as_slice',
  'as_bytes',
  'as_ptr',
  'as_mut_ptr',
  'set',
  'get',
  'get_mut',
  'len',
  'is_empty',
  'capacity',
  'iter',
  'iter_mut',
  'chars',
  'bytes',
  'lines',
  'split',
  'trim',
  'starts_with',
  'ends_with',
  'contains',
  'contains_key',
  'keys',
  'values',
  'entry',
  'first',
  'last',
  'push',
  'push_str',
  'push_back',
  'push_front',
  'pop',
  'pop_back',
  'pop_front',
  'insert',
  'remove',
  'clear',
  'extend',
  'truncate',
  'drain',
  'retain',
  'reserve',
  'sort',
  'sort_unstable',
  'dedup',
  'reverse',
  'to_vec',
  'borrow',
  'borrow_mut',
  'lock',
  'is_some',
  'is_none',
  'is_ok',
  'is_err',
  'get_or_insert',
  'get_or_insert_with',
  'replace',
  'next',
  'load',
  'store',
  'fetch_add',
  'fetch_sub',
  'wake_by_ref',
]);

/** Methods `Box` itself has that take `&self`; any other call goes through its built-in deref. */
const BOX_REF_METHODS = new Set(['as_ref', 'as_mut', 'clone', 'borrow', 'borrow_mut']);

/**
 * True when calling `method` on a field of type `ty` takes a reference to the field itself (autoref),
 * rather than copying it or going through a pointer the field holds.
 */
function autorefs(facts: Facts, ty: Ty, method: string): boolean {
  if (ty.k === 'ref' || ty.k === 'ptr' || ty.k === 'fn') return false;
  if (ty.k !== 'path') return REF_METHODS.has(method);
  if (SCALARS.has(ty.name)) return SCALAR_REF_METHODS.has(method);
  if (ty.name === 'Box') return BOX_REF_METHODS.has(method);
  if (ty.name === 'Option' && method === 'take') return true;
  // A method of the snippet's own type: its receiver says.
  const own = facts.fnsNamed(method).filter((fn) => fn.impl?.typeName === ty.name);
  if (own.length > 0) return own.every((fn) => fn.receiver === 'ref' || fn.receiver === 'mut');
  return REF_METHODS.has(method);
}

function ownerOf(facts: Facts, base: SyntaxNode, packed: TypeItem[]): TypeItem | null {
  const inner = unwrap(base);
  const name = facts.ownerTypeName(inner);
  const direct = packed.find((item) => item.name === name);
  if (direct) return direct;
  // `|s| &mut s.fut` in `self.map_unchecked_mut(..)` of a packed type's impl.
  if (inner.type === 'identifier') {
    const binding = facts.scopes.resolve(inner);
    if (binding?.kind === 'closure-param') {
      const typeName = facts.implAt(inner)?.typeName;
      return packed.find((item) => item.name === typeName) ?? null;
    }
  }
  return null;
}

/** True when `base` is known to be a value of `item` (not merely code inside its impl). */
function typedAs(facts: Facts, base: SyntaxNode, item: TypeItem): boolean {
  const inner = unwrap(base);
  if (inner.type === 'self') return facts.implAt(inner)?.typeName === item.name;
  const ty = autoderef(facts.typeOf(inner));
  if (ty.k !== 'path') return false;
  return (
    ty.name === item.name || (ty.name === 'Self' && facts.implAt(inner)?.typeName === item.name)
  );
}

/** A field's alignment (an upper guess; 99 when it may be anything, as for a generic). */
function alignment(facts: Facts, ty: Ty, owner: TypeItem, depth = 0): number {
  if (depth > 4) return 99;
  switch (ty.k) {
    case 'ref':
    case 'ptr':
    case 'fn':
      return 8;
    case 'array':
      return alignment(facts, ty.inner, owner, depth + 1);
    case 'tuple':
      return Math.max(1, ...ty.items.map((item) => alignment(facts, item, owner, depth + 1)));
    case 'path': {
      if (owner.params.includes(ty.name)) return 99;
      const known = ALIGN[ty.name];
      if (known === 0)
        return Math.max(1, ...ty.args.map((arg) => alignment(facts, arg, owner, depth + 1)));
      if (known !== undefined) return known;
      const item = facts.types.get(ty.name);
      if (item) {
        if (item.packed !== null) return 1;
        return Math.max(1, ...item.fields.map((f) => alignment(facts, f.ty, item, depth + 1)));
      }
      return 99;
    }
    default:
      return 99;
  }
}
