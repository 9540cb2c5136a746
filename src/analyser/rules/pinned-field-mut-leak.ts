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
  query:
    '(function_item name: (identifier) @name return_type: (reference_type (mutable_specifier)) @ret body: (block) @body) @fn',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const fnNode = match.node('fn');
      const body = match.node('body');
      const ret = match.node('ret');
      if (!fnNode || !body || !ret) continue;
      const info = facts.fnInfo(fnNode);
      if (info?.receiver !== 'pin-mut' || !info.impl?.typeName) continue;
      const tail = tailOf(body);
      if (!tail) continue;
      const field = returnedField(facts, tail);
      if (!field) continue;
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
      context.report({
        node: unwrap(tail),
        messageId: 'leaksMut',
        data: {
          method: info.name,
          field,
          line: String(projection.node.line),
          fieldType:
            readType(ret.child('type')).k === 'unknown' ? 'F' : (ret.child('type')?.text ?? 'F'),
        },
      });
    }
  },
});

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
