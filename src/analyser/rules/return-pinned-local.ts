// `pin!(x)` (or `Pin::new(&mut x)` on a local) borrows a place in the current stack frame; a
// function cannot return that pin (E0515, "returns a value referencing data owned by the current
// function"). Heap-pin with `Box::pin` to hand a pinned future to the caller.
import {
  callParts,
  defineRule,
  macroName,
  mutBorrowTarget,
  unwrap,
  type Facts,
  type SyntaxNode,
} from '../rule.js';

export default defineRule({
  id: 'return-pinned-local',
  description: 'returning a pin of a local value from a function',
  severity: 'error',
  rustc: 'E0515',
  topic: 'pin-macro',
  messages: {
    returnsStackPin: {
      message:
        "{{what}} pins a value that lives in this function's stack frame, so the `Pin` cannot be returned (E0515): the frame, and the pinned value with it, is gone when the function returns.",
      fix: 'Pin it on the heap and return `Pin<Box<..>>`: `Box::pin({{value}})`; or return the future unpinned and let the caller pin it with `pin!`.',
    },
  },
  query: '(function_item return_type: (_) @ret body: (block) @body) @fn',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const body = match.node('body');
      if (!body) continue;
      for (const value of returned(body)) {
        let expr = unwrap(value);
        if (expr.type === 'identifier') {
          const binding = facts.scopes.resolve(expr);
          if (binding?.kind !== 'let' || !binding.value) continue;
          expr = unwrap(binding.value);
        }
        const stack = stackPin(facts, expr);
        if (stack)
          context.report({ node: unwrap(value), messageId: 'returnsStackPin', data: stack });
      }
    }
  },
});

/** `pin!(..)` or `Pin::new(&mut local)` / `Pin::new_unchecked(&mut local)` of a local variable. */
function stackPin(facts: Facts, expr: SyntaxNode): Record<string, string> | null {
  if (expr.type === 'macro_invocation' && macroName(expr) === 'pin') {
    const tokens = expr.childOfType('token_tree')?.children.slice(1, -1) ?? [];
    return { what: '`pin!(..)`', value: tokens.map((t) => t.text).join('') || 'value' };
  }
  const parts = callParts(expr);
  if (
    parts?.kind !== 'path' ||
    parts.owner !== 'Pin' ||
    !['new', 'new_unchecked'].includes(parts.name)
  )
    return null;
  const target = parts.args[0] ? mutBorrowTarget(parts.args[0]) : null;
  if (target?.type !== 'identifier' || !localOwned(facts, target)) return null;
  return { what: `\`Pin::${parts.name}(&mut ${target.text})\``, value: target.text };
}

function localOwned(facts: Facts, ident: SyntaxNode): boolean {
  const binding = facts.scopes.resolve(ident);
  if (!binding || (binding.kind !== 'let' && binding.kind !== 'param')) return false;
  const ty = facts.bindingType(binding);
  return ty.k !== 'ref' && ty.k !== 'ptr';
}

function returned(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const tail = body.lastNamedChild;
  if (tail && !tail.type.endsWith('_statement') && tail.type !== 'let_declaration') out.push(tail);
  for (const ret of body.descendants(['return_expression'])) {
    if (ret.closest(['closure_expression', 'function_item', 'async_block']) !== body.parent)
      continue;
    const value = ret.namedChildren[0];
    if (value) out.push(value);
  }
  return out;
}
