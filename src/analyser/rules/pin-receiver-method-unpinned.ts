// `value.method()` where every `method` the type has takes `self: Pin<&mut Self>` (or
// `Pin<&Self>`), but `value` is the plain type (or a reference to it): method lookup autorefs to
// `&T` / `&mut T` and never builds a `Pin`, so rustc finds no such method (E0599), whether or not
// the type is `Unpin`.
import { callParts, defineRule, pinParts, placeName, type Facts, type Ty } from '../rule.js';

/** Traits whose implementors gain many methods (extension traits, deref targets): stay silent. */
const OPEN_TRAITS = new Set(['Deref', 'DerefMut', 'Iterator', 'Future', 'Stream', 'AsyncRead']);

export default defineRule({
  id: 'pin-receiver-method-unpinned',
  description: 'calling a `self: Pin<&mut Self>` method on a value that is not pinned',
  severity: 'error',
  rustc: 'E0599',
  topic: 'polling-manually',
  messages: {
    notPinned: {
      message:
        '`{{method}}` takes `self: {{receiver}}`, but `{{value}}` is `{{type}}`, not a `Pin`: method calls only add `&`/`&mut`, never a `Pin`, so rustc finds no method `{{method}}` for `{{type}}` (E0599).',
      fix: 'Pin the value where it lives first (`let mut {{value}} = std::pin::pin!({{value}});` or `Box::pin(..)`) and call `{{value}}.as_mut().{{method}}(..)`.',
    },
  },
  query: '(call_expression function: (field_expression)) @call',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const call = match.node('call');
      const parts = call ? callParts(call) : null;
      if (!call || !parts || parts.kind !== 'method' || !parts.receiver) continue;
      const ty = facts.typeOf(parts.receiver);
      const typeName = plainTypeName(facts, ty, call);
      if (!typeName) continue;
      const receiver = pinOnlyReceiver(facts, typeName, parts.name);
      if (!receiver) continue;
      context.report({
        node: call,
        messageId: 'notPinned',
        data: {
          method: parts.name,
          receiver,
          value: placeName(parts.receiver),
          type: typeName,
        },
      });
    }
  },
});

/** The snippet's own struct/enum that `ty` is, through references (never through a `Pin`). */
function plainTypeName(facts: Facts, ty: Ty, at: Parameters<Facts['envAt']>[0]): string | null {
  let current = ty;
  for (let i = 0; i < 4 && current.k === 'ref'; i++) current = current.inner;
  if (current.k !== 'path' || pinParts(current)) return null;
  let name = current.name;
  if (name === 'Self') {
    const self = facts.envAt(at).self;
    if (self?.k !== 'path') return null;
    name = self.name;
  }
  return facts.types.has(name) ? name : null;
}

/**
 * `Pin<&mut Self>` / `Pin<&Self>` when every method called `name` in the snippet takes a pinned
 * receiver and one of them is inherent to `typeName`; null when any other candidate may exist.
 */
function pinOnlyReceiver(facts: Facts, typeName: string, name: string): string | null {
  const impls = facts.impls.filter((i) => i.typeName === typeName);
  if (impls.some((i) => i.trait !== null && OPEN_TRAITS.has(i.trait))) return null;
  const fns = facts.fnsNamed(name);
  if (fns.length === 0) return null;
  let found: string | null = null;
  for (const fn of fns) {
    if (fn.receiver !== 'pin-mut' && fn.receiver !== 'pin-ref') return null;
    if (fn.inTrait !== null) return null;
    if (fn.impl?.typeName === typeName && fn.impl.trait === null) {
      found = fn.receiver === 'pin-mut' ? 'Pin<&mut Self>' : 'Pin<&Self>';
    }
  }
  return found;
}
