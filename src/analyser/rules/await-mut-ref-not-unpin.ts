// `(&mut fut).await` needs `fut: Unpin` (`&mut F` is a future only when `F: Unpin`). Awaiting an
// unpinned async block or `async fn` future through `&mut` is E0277.
import {
  defineRule,
  macroName,
  placeName,
  unwrap,
  type Facts,
  type SyntaxNode,
  type Unpinness,
} from '../rule.js';

export default defineRule({
  id: 'await-mut-ref-not-unpin',
  description: 'awaiting `&mut fut` when `fut` is not `Unpin` and not pinned',
  severity: 'error',
  rustc: 'E0277',
  topic: 'pin-macro',
  messages: {
    notUnpin: {
      message:
        'Awaiting `&mut {{value}}` needs `{{value}}: Unpin`, but {{why}}: it must be pinned before it can be polled through a reference (E0277).',
      fix: 'Pin it first and await the pinned reference: `let mut {{value}} = std::pin::pin!({{value}});` then `(&mut {{value}}).await` (or `{{value}}.as_mut().await`).',
    },
    probablyNotUnpin: {
      message:
        'Awaiting `&mut {{value}}` needs `{{value}}: Unpin`; `{{value}}` comes from `{{callee}}`, which is probably an `async fn` whose future is `!Unpin`, so rustc would reject this (E0277).',
      fix: 'Pin it first: `let mut {{value}} = std::pin::pin!({{callee}}(..));` then `(&mut {{value}}).await`.',
    },
  },
  query: `
    (await_expression (parenthesized_expression (reference_expression (mutable_specifier) value: (_) @target))) @await
    (macro_invocation (token_tree) @tokens) @macro`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const target = match.node('target');
      if (target) {
        const node = match.node('await');
        if (node) inspect(target, node);
        continue;
      }
      // `select! { _ = &mut fut => .. }` and `join!(&mut a, ..)`: `&mut name` tokens.
      const macro = match.node('macro');
      const tokens = match.node('tokens');
      if (
        !macro ||
        !tokens ||
        !['select', 'join', 'try_join', 'select_biased'].includes(macroName(macro))
      )
        continue;
      const flat = leaves(tokens);
      for (let i = 0; i + 2 < flat.length; i++) {
        const [amp, mut, name] = [flat[i], flat[i + 1], flat[i + 2]];
        if (amp?.text === '&' && mut?.text === 'mut' && name?.type === 'identifier')
          inspect(name, name);
      }
    }

    function inspect(target: SyntaxNode, at: SyntaxNode): void {
      const place = unwrap(target);
      const verdict = unpinOfPlace(facts, place);
      if (verdict.value === 'no' && verdict.sure) {
        context.report({
          node: at,
          messageId: 'notUnpin',
          data: { value: placeName(place), why: verdict.why },
        });
        return;
      }
      const callee = verdict.value === 'no' ? null : facts.unknownCallee(place);
      if (verdict.value === 'no' || callee) {
        context.report({
          node: at,
          messageId: 'probablyNotUnpin',
          data: { value: placeName(place), callee: callee ?? 'an async call' },
        });
      }
    }
  },
});

function unpinOfPlace(facts: Facts, place: SyntaxNode): Unpinness {
  return facts.unpin(facts.typeOf(place), facts.envAt(place));
}

/** The tokens (leaves, named or not) of a token tree, in order. */
function leaves(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    if (current.children.length === 0 || current.type === 'identifier') {
      out.push(current);
      continue;
    }
    for (let i = current.children.length - 1; i >= 0; i--) {
      const child = current.children[i];
      if (child) stack.push(child);
    }
  }
  return out;
}
