// `Unpin` is a safe trait: `unsafe impl Unpin for T {}` is E0199.
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'unsafe-impl-unpin',
  description: '`unsafe impl Unpin` (Unpin is not an unsafe trait)',
  severity: 'error',
  rustc: 'E0199',
  topic: 'unpin',
  messages: {
    unsafeImpl: {
      message:
        '`Unpin` is a safe trait, so `unsafe impl Unpin for {{type}}` is rejected (E0199: implementing the trait `Unpin` is not unsafe). Implementing it is still a promise: no field of `{{type}}` may be pinned structurally unless it is `Unpin` too.',
      fix: 'Write `impl Unpin for {{type}} {}` without `unsafe` (and add `Unpin` bounds on generic fields you project), or leave `Unpin` to the compiler.',
    },
  },
  query: '(impl_item "unsafe" trait: (_) @trait type: (_) @type) @impl',
  check(context) {
    for (const match of context.matches) {
      const impl = match.node('impl');
      const trait = match.node('trait');
      if (!impl || trait?.text.split('::').pop() !== 'Unpin' || impl.hasAnonymous('!')) continue;
      context.report({
        node: impl,
        messageId: 'unsafeImpl',
        data: { type: match.node('type')?.text ?? 'the type' },
      });
    }
  },
});
