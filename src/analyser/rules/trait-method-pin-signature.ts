// Trait methods must keep the trait's receiver: `Drop::drop` takes `&mut self` (not
// `self: Pin<&mut Self>`) and `Future::poll` takes `self: Pin<&mut Self>` (not `&mut self`).
// A different receiver is E0053 (incompatible type for trait).
import { defineRule, type SyntaxNode } from '../rule.js';

const EXPECTED: Record<string, Record<string, 'pin-mut' | 'mut'>> = {
  Drop: { drop: 'mut' },
  Future: { poll: 'pin-mut' },
  Stream: { poll_next: 'pin-mut' },
  AsyncRead: { poll_read: 'pin-mut' },
  AsyncWrite: { poll_write: 'pin-mut', poll_flush: 'pin-mut', poll_shutdown: 'pin-mut' },
};

export default defineRule({
  id: 'trait-method-pin-signature',
  description: '`drop` taking a pinned self, or `poll` taking `&mut self`',
  severity: 'error',
  rustc: 'E0053',
  topic: 'implementing-future',
  messages: {
    pinnedDrop: {
      message:
        '`Drop::drop` must take `&mut self`; `self: Pin<&mut Self>` does not match the trait (E0053). Even so, `drop` has to treat the value as pinned.',
      fix: "Write `fn drop(&mut self)` and call an inner function with the pin: `inner_drop(unsafe { Pin::new_unchecked(self) });` (or use pin-project's `#[pinned_drop]`).",
    },
    unpinnedPoll: {
      message:
        '`{{trait}}::{{method}}` takes `self: Pin<&mut Self>`, so `&mut self` does not match the trait (E0053): the executor promises the value stays put and hands it over pinned.',
      fix: "Write `fn {{method}}(self: Pin<&mut Self>, cx: &mut Context<'_>) ..`; if the type is `Unpin`, use `self.get_mut()` to get `&mut Self` inside.",
    },
  },
  query:
    '(impl_item trait: (_) @trait body: (declaration_list (function_item name: (identifier) @name) @fn))',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const trait = match.node('trait')?.text.split('::').pop() ?? '';
      const name = match.node('name')?.text ?? '';
      const fn = match.node('fn');
      const expected = EXPECTED[trait]?.[name];
      if (!fn || !expected) continue;
      const receiver = facts.fnInfo(fn)?.receiver ?? null;
      if (receiver === null || receiver === expected) continue;
      const at: SyntaxNode = fn.child('parameters')?.namedChildren[0] ?? fn;
      if (expected === 'mut' && receiver === 'pin-mut')
        context.report({ node: at, messageId: 'pinnedDrop' });
      if (expected === 'pin-mut' && (receiver === 'mut' || receiver === 'ref')) {
        context.report({ node: at, messageId: 'unpinnedPoll', data: { trait, method: name } });
      }
    }
  },
});
