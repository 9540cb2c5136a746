// A reference to a field of a `#[repr(packed)]` struct may be misaligned, so rustc rejects it
// (E0793) whenever the field's alignment can exceed the packing; a pin projection
// (`map_unchecked_mut(|s| &mut s.fut)`) takes exactly such a reference. The `std::pin` docs forbid
// structural pinning in packed types altogether.
import {
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
  },
  query:
    '(reference_expression value: (field_expression value: (_) @base field: (field_identifier) @field)) @ref',
  check(context) {
    const { facts } = context;
    const packed = [...facts.types.values()].filter((item) => item.packed !== null);
    if (packed.length === 0) return;
    for (const match of context.matches) {
      const base = match.node('base');
      const field = match.node('field')?.text;
      const ref = match.node('ref');
      if (!base || !field || !ref) continue;
      const item = ownerOf(facts, base, packed);
      if (!item) continue;
      const declared = item.fields.find((f) => f.name === field);
      if (!declared || alignment(facts, declared.ty, item) <= (item.packed ?? 1)) continue;
      context.report({
        node: ref,
        messageId: 'unaligned',
        data: {
          type: item.name,
          field,
          packing: item.packed === 1 ? '' : `(${String(item.packed)})`,
        },
      });
    }
  },
});

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
