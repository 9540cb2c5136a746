// `Box::new(recursive_call()).await` boxes the recursive future but does not pin it: awaiting a
// `Box<F>` needs `F: Unpin`, and for the async fn's own (recursive) future rustc cannot decide
// that, so it reports E0283 "type annotations needed: cannot satisfy `impl Future: Unpin`".
import { callParts, defineRule, unwrap } from '../rule.js';

export default defineRule({
  id: 'async-recursion-box-new',
  description: 'recursing in an async fn through `Box::new(..).await` instead of `Box::pin`',
  severity: 'error',
  rustc: 'E0283',
  topic: 'async-recursion',
  messages: {
    boxNotPin: {
      message:
        '`Box::new({{call}})` boxes the recursive future but does not pin it; awaiting a `Box<F>` needs `F: Unpin`, which rustc cannot decide for `{{name}}`\'s own future (E0283, "cannot satisfy `impl Future: Unpin`").',
      fix: 'Use `Box::pin({{call}}).await`: the heap-pinned future gives the recursion a finite size and can be awaited.',
    },
  },
  query: '(await_expression . (_) @operand) @await',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const operand = match.node('operand');
      const node = match.node('await');
      if (!operand || !node) continue;
      const parts = callParts(unwrap(operand));
      if (parts?.kind !== 'path' || parts.owner !== 'Box' || parts.name !== 'new') continue;
      const inner = parts.args[0] ? callParts(unwrap(parts.args[0])) : null;
      const fn = facts.fnAt(node);
      if (!inner || !fn?.async || inner.name !== fn.name) continue;
      const call = parts.args[0] ? unwrap(parts.args[0]).text : `${fn.name}(..)`;
      context.report({ node, messageId: 'boxNotPin', data: { call, name: fn.name } });
    }
  },
});
