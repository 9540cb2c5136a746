// `Drop::drop` gets `&mut self` even for a pinned value, so it must treat structurally pinned
// fields as still pinned: `self.fut.take()`, `mem::replace(&mut self.fut, ..)` and the like move
// a pinned future out before it is dropped, breaking the drop guarantee. The inner-drop idiom
// (`inner_drop(unsafe { Pin::new_unchecked(self) })`, then `Pin::set`) is the sound way.
import {
  callParts,
  defineRule,
  mutBorrowTarget,
  unwrap,
  type Facts,
  type SyntaxNode,
} from '../rule.js';

const MOVING_METHODS = new Set([
  'take',
  'replace',
  'drain',
  'pop',
  'swap_remove',
  'remove',
  'split_off',
]);

export default defineRule({
  id: 'drop-moves-pinned-field',
  description: '`Drop::drop` moving a structurally pinned field out',
  severity: 'unsound',
  rustc: null,
  topic: 'pin-and-drop',
  messages: {
    movedInDrop: {
      message:
        '`{{field}}` is pinned structurally (projected on line {{line}}), and `drop` must treat it as still pinned; `{{op}}` moves it out of `self` before it is dropped, breaking the drop guarantee for a value that may be pinned. Undefined behaviour; rustc gives no warning.',
      fix: 'Drop it in place: use the inner-drop idiom `fn drop(&mut self) { inner_drop(unsafe { Pin::new_unchecked(self) }); fn inner_drop(this: Pin<&mut Self>) { .. } }` and clear the field with a projection and `.set(None)`.',
    },
  },
  query:
    '(impl_item trait: (_) @trait body: (declaration_list (function_item name: (identifier) @name body: (block) @body))) @impl',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const body = match.node('body');
      const node = match.node('impl');
      if (match.node('name')?.text !== 'drop' || !body || !node) continue;
      const impl = facts.impls.find((i) => i.node === node);
      if (impl?.trait !== 'Drop' || !impl.typeName) continue;
      const typeName = impl.typeName;
      for (const call of body.descendants(['call_expression'])) {
        const parts = callParts(call);
        if (!parts) continue;
        let field: string | null = null;
        let op = '';
        if (parts.kind === 'method' && parts.receiver && MOVING_METHODS.has(parts.name)) {
          field = selfField(parts.receiver);
          op = `self.${field ?? ''}.${parts.name}()`;
        } else if (
          (parts.kind === 'path' && parts.owner === 'mem') ||
          (parts.kind === 'fn' && ['swap', 'replace', 'take'].includes(parts.name))
        ) {
          const place = parts.args[0] ? mutBorrowTarget(parts.args[0]) : null;
          field = place ? selfField(place) : null;
          op = `mem::${parts.name}`;
        } else if (parts.kind === 'path' && parts.owner === 'Option' && parts.name === 'take') {
          const place = parts.args[0] ? mutBorrowTarget(parts.args[0]) : null;
          field = place ? selfField(place) : null;
          op = 'Option::take';
        }
        if (!field) continue;
        const projection = projected(facts, typeName, field);
        if (!projection) continue;
        context.report({
          node: call,
          messageId: 'movedInDrop',
          data: { field, line: String(projection.line), op },
        });
        break;
      }
    }
  },
});

/** `self.fut` -> `fut` (only fields read straight off `self`). */
function selfField(node: SyntaxNode): string | null {
  const inner = unwrap(node);
  if (inner.type !== 'field_expression') return null;
  const base = inner.child('value');
  return base?.type === 'self' ? (inner.child('field')?.text ?? null) : null;
}

function projected(facts: Facts, type: string, field: string): SyntaxNode | null {
  const projection = facts.projections.find(
    (p) => p.field === field && (p.type === null || p.type === type),
  );
  return projection?.node ?? null;
}
