// `Pin::new_unchecked`, `get_unchecked_mut`, `map_unchecked_mut` and `into_inner_unchecked` are
// `unsafe fn`s: calling one outside an `unsafe` block is E0133.
import { callParts, defineRule, inUnsafe, pinParts } from '../rule.js';

const UNSAFE_PIN_METHODS = new Set(['get_unchecked_mut', 'map_unchecked_mut', 'map_unchecked']);
const UNSAFE_PIN_FNS = new Set([
  'new_unchecked',
  'into_inner_unchecked',
  'get_unchecked_mut',
  'map_unchecked_mut',
]);

export default defineRule({
  id: 'unsafe-pin-call-outside-unsafe',
  description: 'an unsafe pin API called outside an `unsafe` block',
  severity: 'error',
  rustc: 'E0133',
  topic: 'pin-new-vs-new-unchecked',
  messages: {
    needsUnsafe: {
      message:
        '`{{api}}` is an `unsafe fn`: the caller promises that the pinned value is never moved again (until it is dropped), so rustc requires an `unsafe` block (E0133).',
      fix: 'If you can keep that promise, write `unsafe { {{call}} }` with a `// SAFETY:` comment saying why nothing moves it; otherwise use `std::pin::pin!` or `Box::pin`, which need no unsafe.',
    },
  },
  query: '(call_expression) @call',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const call = match.node('call');
      const parts = call ? callParts(call) : null;
      if (!call || !parts || inUnsafe(call)) continue;
      let api: string | null = null;
      if (parts.kind === 'path' && parts.owner === 'Pin' && UNSAFE_PIN_FNS.has(parts.name))
        api = `Pin::${parts.name}`;
      // (`slice.get_unchecked_mut(i)` takes an index: not the `Pin` method.)
      const pinArity = parts.name === 'get_unchecked_mut' ? 0 : 1;
      if (
        parts.kind === 'method' &&
        UNSAFE_PIN_METHODS.has(parts.name) &&
        parts.receiver &&
        parts.args.length === pinArity
      ) {
        const ty = facts.typeOf(parts.receiver);
        if (ty.k === 'unknown' || pinParts(ty)) api = `Pin::${parts.name}`;
      }
      if (!api) continue;
      const text = call.text.replace(/\s+/g, ' ');
      context.report({
        node: call,
        messageId: 'needsUnsafe',
        data: { api, call: text.length > 60 ? `${text.slice(0, 57)}...` : text },
      });
    }
  },
});
