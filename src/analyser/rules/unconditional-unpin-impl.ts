// `impl<F> Unpin for Wrapper<F> {}` while `poll` projects `self.inner: F` to `Pin<&mut F>`: safe
// code can now `Pin::new(&mut wrapper)` with a `!Unpin` `F`, then move the wrapper (and the pinned
// `F` inside it). Structural pinning requires `Wrapper<F>: Unpin` only when `F: Unpin`.
import { defineRule, showTy, type Facts, type ImplInfo, type Ty, type TypeItem } from '../rule.js';

export default defineRule({
  id: 'unconditional-unpin-impl',
  description: '`impl Unpin` without an `Unpin` bound on a field that is pinned structurally',
  severity: 'unsound',
  rustc: null,
  topic: 'pin-projection',
  messages: {
    unboundedUnpin: {
      message:
        '`{{type}}` is declared `Unpin` without requiring `{{param}}: Unpin`, yet its field `{{field}}: {{fieldType}}` is pinned structurally (projected on line {{line}}); safe code can now pin a `{{type}}` with `Pin::new`, poll it, and move it, moving the pinned `{{field}}`. Undefined behaviour; rustc gives no warning.',
      fix: 'Bound the impl: `impl<{{param}}: Unpin> Unpin for {{type}}<..> {}` (or remove it and let the auto trait decide), or stop projecting `{{field}}` (store it as `Pin<Box<{{param}}>>`).',
    },
  },
  query: '(impl_item trait: (_) @trait) @impl',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const node = match.node('impl');
      const impl = facts.impls.find((i) => i.node === node);
      if (!node || !impl || impl.trait !== 'Unpin' || impl.negative || impl.unsafe) continue;
      const item = impl.typeName ? facts.types.get(impl.typeName) : undefined;
      if (!item) continue;
      const problem = unboundedProjection(facts, impl, item);
      if (problem) context.report({ node, messageId: 'unboundedUnpin', data: problem });
    }
  },
});

function unboundedProjection(
  facts: Facts,
  impl: ImplInfo,
  item: TypeItem,
): Record<string, string> | null {
  const implArgs = impl.selfTy.k === 'path' ? impl.selfTy.args : [];
  for (const projection of facts.projections) {
    if (projection.type !== null && projection.type !== item.name) continue;
    const field = item.fields.find((f) => f.name === projection.field);
    if (!field) continue;
    for (const [index, param] of item.params.entries()) {
      if (!mentions(field.ty, param)) continue;
      // The impl's name for this parameter, and whether the impl requires it to be Unpin.
      const arg = implArgs[index];
      const implParam = arg?.k === 'path' ? arg.name : param;
      const bounds = impl.env.params.get(implParam);
      if (bounds === undefined || bounds.includes('Unpin')) continue;
      return {
        type: item.name,
        param: implParam,
        field: field.name,
        fieldType: showTy(field.ty),
        line: String(projection.node.line),
      };
    }
  }
  return null;
}

function mentions(ty: Ty, name: string): boolean {
  switch (ty.k) {
    case 'path':
      return ty.name === name || ty.args.some((arg) => mentions(arg, name));
    case 'tuple':
      return ty.items.some((item) => mentions(item, name));
    case 'array':
      return mentions(ty.inner, name);
    default:
      return false;
  }
}
