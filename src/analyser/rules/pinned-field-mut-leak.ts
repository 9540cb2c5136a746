// A method that takes `self: Pin<&mut Self>` and returns `&mut Field` for a field that is pinned
// structurally hands safe code a way to move the pinned field (`mem::swap`, `mem::replace` on the
// returned reference). The projection must return `Pin<&mut Field>` instead.
import { defineRule, type Facts, readType, type SyntaxNode, tailOf, unwrap } from '../rule.js';

export default defineRule({
  id: 'pinned-field-mut-leak',
  description: 'returning `&mut Field` for a structurally pinned field from `Pin<&mut Self>`',
  severity: 'unsound',
  rustc: null,
  topic: 'pin-projection',
  messages: {
    leaksMut: {
      message:
        '`{{method}}` turns `Pin<&mut Self>` into a plain `&mut` to `{{field}}`, which is pinned structurally (projected on line {{line}}): safe callers can then `mem::swap` or `mem::replace` the pinned `{{field}}`. Undefined behaviour reachable from safe code; rustc gives no warning.',
      fix: 'Return `Pin<&mut {{fieldType}}>` instead: `unsafe { self.map_unchecked_mut(|s| &mut s.{{field}}) }`; hand out `&mut` only for fields that are not pinned (or are `Unpin`).',
    },
  },
  query: '(function_item name: (identifier) @name return_type: (_) @ret body: (block) @body) @fn',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const fnNode = match.node('fn');
      const body = match.node('body');
      const ret = match.node('ret');
      if (!fnNode || !body || !ret || !MUT_REFERENCE.test(ret.text)) continue;
      const info = facts.fnInfo(fnNode);
      if (info?.receiver !== 'pin-mut' || !info.impl?.typeName) continue;
      const tail = tailOf(body);
      if (!tail) continue;
      const leak = returnedParts(tail)
        .map((part) => ({ part, field: returnedField(facts, part) }))
        .find(({ field }) => field !== null);
      const field = leak?.field;
      if (!leak || !field) continue;
      const projection = facts.projections.find(
        (p) =>
          p.field === field &&
          !p.elements &&
          (p.type === null || p.type === info.impl?.typeName) &&
          !p.node.within(fnNode),
      );
      if (!projection) continue;
      const fieldTy = facts.fieldType(info.impl.selfTy, field);
      if (facts.unpin(fieldTy, info.env).value === 'yes') continue;
      // The expression that makes the `&mut` (where the labelled sets mark such leaks).
      const ty = mutReferenceTypes(ret)[0];
      context.report({
        node: unwrap(leak.part),
        messageId: 'leaksMut',
        data: {
          method: info.name,
          field,
          line: String(projection.node.line),
          fieldType: !ty || readType(ty).k === 'unknown' ? 'F' : ty.text,
        },
      });
    }
  },
});

/** A `&mut` anywhere in a return type: `&mut F`, `(&mut F, &mut u32)`, `Option<&'a mut F>`. */
const MUT_REFERENCE = /&\s*(?:'\w+\s+)?mut\b/;

/** The referenced types of the `&mut` references in a return type. */
function mutReferenceTypes(ret: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'reference_type' && node.childOfType('mutable_specifier')) {
      const inner = node.child('type');
      if (inner) found.push(inner);
    }
    for (const child of node.namedChildren) visit(child);
  };
  visit(ret);
  return found;
}

/** The returned values a `&mut` can hide in: a tuple's elements, `Some(..)`/`Ok(..)`, or the tail. */
function returnedParts(tail: SyntaxNode): SyntaxNode[] {
  const inner = unwrap(tail);
  if (inner.type === 'tuple_expression') return inner.namedChildren;
  const callee = inner.type === 'call_expression' ? inner.child('function')?.text : undefined;
  if (callee === 'Some' || callee === 'Ok') return inner.child('arguments')?.namedChildren ?? [];
  return [inner];
}

/** For `&mut self.get_unchecked_mut().f` / `&mut this.f` (this from get_unchecked_mut): `f`. */
function returnedField(facts: Facts, tail: SyntaxNode): string | null {
  const inner = unwrap(tail);
  if (inner.type !== 'reference_expression') return null;
  const place = unwrap(inner.child('value') ?? inner);
  if (place.type !== 'field_expression') return null;
  const base = unwrap(place.child('value') ?? place);
  const field = place.child('field')?.text ?? null;
  if (
    base.type === 'call_expression' &&
    base.child('function')?.child('field')?.text === 'get_unchecked_mut'
  )
    return field;
  if (base.type === 'identifier') {
    const binding = facts.scopes.resolve(base);
    const value = binding?.value ? unwrap(binding.value) : null;
    if (
      value?.type === 'call_expression' &&
      value.child('function')?.child('field')?.text === 'get_unchecked_mut'
    )
      return field;
  }
  return null;
}
