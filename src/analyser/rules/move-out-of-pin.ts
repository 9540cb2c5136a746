// `*pinned` by value moves the pointee out of the `Pin` — `Pin` implements `Deref`, not a move
// out — so rustc rejects it (E0507) unless the type is `Copy`. The same holds for a field read by
// value through the pin (`Box::pin(self.inner)` in a `poll`): the place is behind `Pin`'s deref.
import {
  defineRule,
  isCopyScalar,
  outerExpression,
  pinParts,
  placeName,
  showTy,
  useKind,
  type Facts,
  type SyntaxNode,
  type GenericEnv,
  type Ty,
} from '../rule.js';

export default defineRule({
  id: 'move-out-of-pin',
  description: 'moving a value out of a `Pin` with `*pinned`',
  severity: 'error',
  rustc: 'E0507',
  topic: 'get-mut-and-unchecked',
  messages: {
    moveOut: {
      message:
        '`*{{pin}}` tries to move the pinned value out of `{{pin}}`; a `Pin` only lends it (`Deref`), so rustc refuses to move out of the dereference (E0507). The value must stay where it was pinned.',
      fix: 'Borrow instead of moving (`&*{{pin}}`, `{{pin}}.as_ref()`), clone the data you need, or for an `Unpin` type take it back with `Pin::into_inner({{pin}})`.',
    },
    moveField: {
      message:
        '`{{place}}` moves the field `{{field}}` ({{type}}, not `Copy`) out of the value pinned behind `{{pin}}`; a `Pin` only lends its target through `Deref`, so rustc refuses to move out of it (E0507). A pinned field must stay where it is.',
      fix: 'Work on the field in place: project it (`unsafe { {{pin}}.map_unchecked_mut(|s| &mut s.{{field}}) }`, or `pin-project`) and poll/use it through that `Pin`; borrow it (`&{{place}}`) or clone it if you only need its data.',
    },
  },
  query: `(unary_expression (_) @operand) @deref
    (field_expression value: (_) @base field: (_) @field) @place`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const place = match.node('place');
      if (place) {
        checkField(context.facts, place, (data) => {
          context.report({ node: place, messageId: 'moveField', data });
        });
        continue;
      }
      const deref = match.node('deref');
      const operand = match.node('operand');
      if (!deref || !operand || !deref.hasAnonymous('*')) continue;
      const pin = pinParts(facts.typeOf(operand));
      if (!pin || pin.pointer === 'other') continue;
      const outer = outerExpression(deref);
      const parent = outer.parent;
      if (!parent) continue;
      const moved =
        (parent.type === 'let_declaration' && parent.child('value') === outer) ||
        parent.type === 'return_expression' ||
        (parent.type === 'block' &&
          parent.lastNamedChild === outer &&
          parent.parent?.type === 'function_item') ||
        parent.type === 'arguments';
      if (!moved || useKind(operand) !== 'deref' || isCopy(facts, pin.target, facts.envAt(deref)))
        continue;
      context.report({ node: deref, messageId: 'moveOut', data: { pin: placeName(operand) } });
    }
  },
});

/** `pinned.field` used by value, with `pinned: Pin<P>` and a field type that is surely not Copy. */
function checkField(
  facts: Facts,
  place: SyntaxNode,
  report: (data: Record<string, string>) => void,
): void {
  const base = place.child('value');
  const field = place.child('field');
  if (!base || !field) return;
  const pin = pinParts(facts.typeOf(base));
  if (!pin || pin.pointer === 'other') return;
  const outer = outerExpression(place);
  const parent = outer.parent;
  if (!parent || useKind(place) !== 'move') return;
  // `let _ = pinned.f;` binds nothing and moves nothing.
  if (parent.type === 'let_declaration' && /^let\s+_\s*[:=]/.test(parent.text)) return;
  const ty = facts.typeOf(place);
  // Only named types: a `&mut` field reborrows at coercion sites, tuples need every item read.
  if (ty.k !== 'path' || isCopy(facts, ty, facts.envAt(place))) return;
  report({
    place: place.text,
    field: field.text,
    pin: placeName(base),
    type: `\`${showTy(ty)}\``,
  });
}

function isCopy(facts: Facts, ty: Ty, env: GenericEnv): boolean {
  if (ty.k === 'ref' && !ty.mut) return true;
  if (ty.k === 'path' && ty.name === 'Option' && ty.args[0]) return isCopy(facts, ty.args[0], env);
  if (ty.k === 'ptr') return true;
  if (ty.k !== 'path') return ty.k === 'unknown';
  if (isCopyScalar(ty.name)) {
    return true;
  }
  const item = facts.types.get(ty.name);
  if (item) return item.derives.has('Copy');
  // Generic parameters are Copy only with a bound; unknown library types: assume Copy (stay silent).
  const bounds = env.params.get(ty.name);
  if (bounds) return bounds.includes('Copy');
  return !['String', 'Vec', 'Box'].includes(ty.name);
}
