// `Pin::set` replaces the pinned value with another value of the same type. Every async block and
// every `async fn` has its own anonymous future type, so `pinned.set(other_async_fn())` is
// mismatched types (E0308).
import { defineRule, pinParts, type Ty } from '../rule.js';

export default defineRule({
  id: 'pin-set-different-future',
  description: '`Pin::set` with a future of a different (anonymous) type',
  severity: 'error',
  rustc: 'E0308',
  topic: 'pin-set',
  messages: {
    otherFuture: {
      message:
        '`{{pin}}` pins {{pinned}}, and `set` needs a value of that same type, but this is {{given}}: every async block and `async fn` has its own future type (E0308).',
      fix: 'Pin a common type instead: `let mut {{pin}}: Pin<Box<dyn Future<Output = _>>> = Box::pin(..);` and replace it with `{{pin}}.set(Box::pin(..))`.',
    },
  },
  query: `(call_expression
    function: (field_expression value: (_) @pin field: (field_identifier) @method (#eq? @method "set"))
    arguments: (arguments . (_) @value .)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const pin = match.node('pin');
      const value = match.node('value');
      if (!pin || !value) continue;
      const parts = pinParts(facts.typeOf(pin));
      const pinned = parts?.target;
      const given = facts.typeOf(value);
      if (!pinned || !differentFutures(pinned, given)) continue;
      context.report({
        node: value,
        messageId: 'otherFuture',
        data: { pin: pin.text, pinned: describe(pinned), given: describe(given) },
      });
    }
  },
});

function differentFutures(a: Ty, b: Ty): boolean {
  return a.k === 'async' && b.k === 'async' && !!a.origin && !!b.origin && a.origin !== b.origin;
}

function describe(ty: Ty): string {
  return ty.k === 'async' ? ty.what : 'another type';
}
