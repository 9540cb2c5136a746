// `Pin<Rc<T>>` / `Pin<Arc<T>>` only give shared access: `Pin::as_mut` and `Pin::set` need a
// pointer with `DerefMut`, which `Rc` and `Arc` are not, so the method's bounds are not met (E0599)
// and such a future cannot be polled.
import { defineRule, pinParts, type SyntaxNode } from '../rule.js';

export default defineRule({
  id: 'pin-rc-as-mut',
  description: '`as_mut()` / `set()` on a `Pin<Rc<_>>` or `Pin<Arc<_>>`',
  severity: 'error',
  rustc: 'E0599',
  topic: 'pin-with-rc-arc',
  messages: {
    sharedPin: {
      message:
        '`{{pin}}` is a `Pin<{{pointer}}<_>>`, which only hands out `Pin<&_>`: `{{method}}` needs a pointer with `DerefMut`, so its bounds are not met (E0599) and the value behind a shared pin can never be polled or replaced.',
      fix: 'Use `Box::pin(..)` (or `pin!`) when you need `Pin<&mut _>` to poll it; keep `Rc::pin`/`Arc::pin` for values you only read through `Pin<&T>`.',
    },
  },
  query: `(call_expression
    function: (field_expression value: (_) @pin field: (field_identifier) @method (#any-of? @method "as_mut" "set"))) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const pin: SyntaxNode | null = match.node('pin');
      const method = match.node('method')?.text ?? '';
      if (!pin) continue;
      const ty = facts.typeOf(pin);
      if (!pinParts(ty) || ty.k !== 'path') continue;
      const pointer = ty.args[0];
      if (pointer?.k !== 'path' || (pointer.name !== 'Rc' && pointer.name !== 'Arc')) continue;
      context.report({
        node: pin,
        messageId: 'sharedPin',
        data: { pin: pin.text, pointer: pointer.name, method },
      });
    }
  },
});
