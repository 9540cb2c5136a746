// `Pin::get_mut` and `Pin::into_inner` hand out the unpinned value, so they require `T: Unpin`;
// on a pinned `!Unpin` value rustc says E0277 "`T` cannot be unpinned".
import { defineRule, pinParts, placeName, type SyntaxNode } from '../rule.js';

export default defineRule({
  id: 'pin-get-mut-not-unpin',
  description: '`Pin::get_mut` / `Pin::into_inner` on a pinned value that is not `Unpin`',
  severity: 'error',
  rustc: 'E0277',
  topic: 'get-mut-and-unchecked',
  messages: {
    getMut: {
      message:
        '`{{api}}` needs the pinned type to be `Unpin`, but {{why}}: the value behind `{{value}}` must stay put, so it cannot be handed out as `&mut` (E0277).',
      fix: 'Replace the whole value with `{{value}}.set(new_value)`, or change a field through `unsafe { {{value}}.get_unchecked_mut() }` only if you never move out of it.',
    },
    intoInner: {
      message:
        '`Pin::into_inner` gives the pointer back only for `Unpin` targets, but {{why}}: the value behind `{{value}}` must stay pinned until it is dropped (E0277).',
      fix: 'Keep the value pinned and work through `{{value}}.as_mut()` / `.as_ref()`; `Pin::into_inner_unchecked` is only sound if nothing moves it afterwards.',
    },
  },
  query: `
    (call_expression
      function: (field_expression value: (_) @receiver field: (field_identifier) @method (#eq? @method "get_mut"))
      arguments: (arguments) @args) @call
    (call_expression
      function: (scoped_identifier path: (_) @owner name: (identifier) @name (#any-of? @name "get_mut" "into_inner"))
      arguments: (arguments . (_) @receiver .)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const receiver = match.node('receiver');
      const call = match.node('call');
      if (!receiver || !call) continue;
      if (match.node('args')?.namedChildren.length) continue;
      const owner = match.node('owner');
      if (owner && owner.text.split('::').pop() !== 'Pin') continue;
      const pin = pinParts(facts.typeOf(receiver));
      if (!pin || (pin.pointer !== 'mut' && pin.pointer !== 'box')) continue;
      const verdict = facts.unpin(pin.target, facts.envAt(call));
      if (verdict.value !== 'no' || !verdict.sure) continue;
      const name = match.node('name')?.text ?? 'get_mut';
      report(call, name === 'into_inner' ? 'intoInner' : 'getMut', receiver, verdict.why, name);
    }

    function report(
      node: SyntaxNode,
      messageId: 'getMut' | 'intoInner',
      receiver: SyntaxNode,
      why: string,
      name: string,
    ): void {
      context.report({
        node,
        messageId,
        data: { value: placeName(receiver), why, api: `Pin::${name}` },
      });
    }
  },
});
