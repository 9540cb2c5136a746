// `pinned.as_mut()` and `pinned.set(..)` borrow the `Pin` itself mutably, so the variable that
// holds it must be declared `mut` (`let mut fut = pin!(..)`, `mut self: Pin<&mut Self>`);
// otherwise rustc says E0596 "cannot borrow `fut` as mutable".
import { defineRule, pinParts, useKind, type Binding, type SyntaxNode } from '../rule.js';

/** `Pin` methods that take `&mut self`. */
const MUT_PIN_METHODS = new Set(['as_mut', 'set']);

export default defineRule({
  id: 'pin-binding-not-mut',
  description: '`as_mut()` or `set()` on a pin held in a variable that is not `mut`',
  severity: 'error',
  rustc: 'E0596',
  topic: 'as-mut-reborrow',
  messages: {
    notMut: {
      message:
        '`{{pin}}.{{method}}()` borrows the pin `{{pin}}` itself mutably, but `{{pin}}` is not declared `mut`, so rustc refuses (E0596: cannot borrow `{{pin}}` as mutable).',
      fix: 'Declare the binding mutable: {{declaration}}. The pinned value stays where it is; only the `Pin` pointer is reborrowed.',
    },
  },
  query: `(call_expression
    function: (field_expression value: [(identifier) (self)] @pin field: (field_identifier) @method (#any-of? @method "as_mut" "set"))) @call`,
  check(context) {
    const { facts } = context;
    // rustc reports once per variable: at the borrow when there is one, at the declaration
    // (with every borrow as a note) when there are several.
    const offending = new Map<Binding, { uses: SyntaxNode[]; method: string }>();
    for (const match of context.matches) {
      const pin = match.node('pin');
      const method = match.node('method')?.text ?? '';
      if (!pin || !MUT_PIN_METHODS.has(method) || useKind(pin) !== 'receiver') continue;
      const binding = facts.scopes.resolve(pin);
      if (!binding || binding.mutable) continue;
      if (binding.kind !== 'let' && binding.kind !== 'param' && binding.kind !== 'self') continue;
      if (!pinParts(facts.bindingType(binding))) continue;
      const entry = offending.get(binding) ?? { uses: [], method };
      entry.uses.push(pin);
      offending.set(binding, entry);
    }
    for (const [binding, { uses, method }] of offending) {
      const declaration =
        binding.kind === 'self'
          ? '`mut self: Pin<&mut Self>`'
          : binding.kind === 'param'
            ? `\`mut ${binding.name}: ..\` in the parameter list`
            : `\`let mut ${binding.name} = ..\``;
      const declared = binding.ident ?? binding.decl.child('pattern') ?? binding.decl;
      const first = uses[0];
      if (!first) continue;
      context.report({
        node: uses.length > 1 ? declared : first,
        messageId: 'notMut',
        data: { pin: binding.name, method, declaration },
      });
    }
  },
});
