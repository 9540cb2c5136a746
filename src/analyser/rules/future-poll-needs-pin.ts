// `Future::poll(&mut fut, cx)`: the first argument must be a `Pin<&mut F>`, and `&mut F` is not
// one, so rustc reports mismatched types (E0308).
import { defineRule, mutBorrowTarget, placeName } from '../rule.js';

export default defineRule({
  id: 'future-poll-needs-pin',
  description: 'calling `Future::poll` with `&mut fut` instead of a pinned reference',
  severity: 'error',
  rustc: 'E0308',
  topic: 'polling-manually',
  messages: {
    mutRefNotPin: {
      message:
        '`Future::poll` takes `self: Pin<&mut Self>`, but this passes `&mut {{value}}`: rustc expects `Pin<&mut _>` and finds `&mut _` (E0308). `{{value}}` has to be pinned where it lives before it is polled.',
      fix: 'Pin it first: `let mut {{value}} = std::pin::pin!({{value}});` then `{{value}}.as_mut().poll(cx)` (or `Pin::new(&mut {{value}})` when its type is `Unpin`).',
    },
  },
  query: `(call_expression
    function: (scoped_identifier path: (_) @owner name: (identifier) @name (#eq? @name "poll"))
    arguments: (arguments . (_) @first)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const owner = match.node('owner');
      const first = match.node('first');
      const call = match.node('call');
      if (!owner || !first || !call) continue;
      const ownerName = owner.text.split('::').pop() ?? '';
      const generic = facts.envAt(call).params.get(ownerName);
      if (ownerName !== 'Future' && !(generic?.includes('Future') ?? false)) continue;
      const target = mutBorrowTarget(first);
      const firstTy = facts.typeOf(first);
      if (!target && !(firstTy.k === 'ref' && firstTy.mut)) continue;
      context.report({
        node: first,
        messageId: 'mutRefNotPin',
        data: { value: placeName(target ?? first) },
      });
    }
  },
});
