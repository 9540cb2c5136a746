// `impl !Unpin for T {}` is a negative impl, an unstable feature (E0658 on stable).
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'negative-unpin-impl',
  description: '`impl !Unpin` on stable Rust',
  severity: 'error',
  rustc: 'E0658',
  topic: 'phantompinned',
  messages: {
    negativeImpl: {
      message:
        '`impl !Unpin for {{type}}` is a negative impl, which stable Rust does not allow (E0658, "negative trait bounds are not fully implemented").',
      fix: 'Add a `_pin: std::marker::PhantomPinned` field to `{{type}}` instead: it makes the type `!Unpin` on stable Rust.',
    },
  },
  query: '(impl_item "!" trait: (_) @trait type: (_) @type) @impl',
  check(context) {
    for (const match of context.matches) {
      const impl = match.node('impl');
      const trait = match.node('trait');
      if (!impl || trait?.text.split('::').pop() !== 'Unpin') continue;
      context.report({
        node: impl,
        messageId: 'negativeImpl',
        data: { type: match.node('type')?.text ?? 'the type' },
      });
    }
  },
});
