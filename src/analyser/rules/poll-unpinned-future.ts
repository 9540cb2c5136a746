// `fut.poll(cx)` and `fut.as_mut()` on a future that is not pinned: `poll` takes
// `self: Pin<&mut Self>`, which method calls never create by themselves, so rustc finds no such
// method (E0599).
import { defineRule, pinParts, placeName, type SyntaxNode, type Ty } from '../rule.js';

export default defineRule({
  id: 'poll-unpinned-future',
  description: 'calling `.poll()` or `.as_mut()` on a future that is not pinned',
  severity: 'error',
  rustc: 'E0599',
  topic: 'polling-manually',
  messages: {
    pollUnpinned: {
      message:
        '`{{value}}` is not pinned, and `Future::poll` takes `self: Pin<&mut Self>`, so rustc finds no method `poll` on {{type}} (E0599). {{value}} must be pinned where it lives before it is polled.',
      fix: 'Pin it first: `let mut {{value}} = std::pin::pin!({{value}});` (or `Box::pin(..)`), then call `{{value}}.as_mut().poll(cx)`.',
    },
    asMutUnpinned: {
      message:
        '`{{value}}` is {{type}}, not a `Pin`, so it has no `as_mut` method (E0599); `as_mut()` reborrows a pin that already exists.',
      fix: 'Pin it first: `let mut {{value}} = std::pin::pin!({{value}});`, then `{{value}}.as_mut()` works.',
    },
  },
  query: `(call_expression
    function: (field_expression value: (_) @receiver field: (field_identifier) @method (#any-of? @method "poll" "as_mut"))) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const receiver = match.node('receiver');
      const method = match.node('method')?.text;
      if (!receiver || !method) continue;
      const ty = facts.typeOf(receiver);
      let described = describeFuture(ty, facts.envAt(receiver).params);
      // A fragment: `let mut fut = compute(); fut.poll(&mut cx)` with `compute` not shown.
      const callee = described ? null : facts.unknownCallee(receiver);
      if (callee && method === 'poll' && passesContext(match.node('call'))) {
        described = `the value returned by \`${callee}()\` (probably an \`async fn\` future)`;
      }
      if (!described) continue;
      context.report({
        node: receiver,
        messageId: method === 'poll' ? 'pollUnpinned' : 'asMutUnpinned',
        data: { value: placeName(receiver), type: described },
      });
    }
  },
});

/** A description of `ty` when it is a future that is certainly not a `Pin`. */
function describeFuture(ty: Ty, generics: ReadonlyMap<string, readonly string[]>): string | null {
  if (pinParts(ty)) return null;
  if (ty.k === 'async' && !ty.probable) return ty.what;
  if (ty.k === 'impl' && ty.bounds.includes('Future') && !ty.leaks) return '`impl Future`';
  if (ty.k === 'path' && ty.args.length === 0 && generics.get(ty.name)?.includes('Future')) {
    return `the generic future \`${ty.name}\``;
  }
  return null;
}

/** `x.poll(cx)` / `x.poll(&mut cx)` with a context argument: `Future::poll`, not some other poll. */
function passesContext(call: SyntaxNode | null): boolean {
  const args = call?.child('arguments')?.namedChildren ?? [];
  const first = args[0];
  if (args.length !== 1 || !first) return false;
  const name = (first.type === 'reference_expression' ? first.child('value') : first)?.text ?? '';
  return ['cx', 'ctx', 'context', 'cx_'].includes(name) || name.endsWith('_cx');
}
