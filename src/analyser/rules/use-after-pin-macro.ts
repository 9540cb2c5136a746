// `let p = pin!(fut);` moves `fut` into the pinned place: the old binding is gone, and using it
// again is E0382 ("use of moved value"). Pinning is a one-way move; shadow the name instead.
import { defineRule, isCopyScalar, derefTy, macroName, useKind } from '../rule.js';

export default defineRule({
  id: 'use-after-pin-macro',
  description: 'using a variable again after `pin!` moved it',
  severity: 'error',
  rustc: 'E0382',
  topic: 'pinning-is-permanent',
  messages: {
    movedIntoPin: {
      message:
        '`pin!({{value}})` on line {{line}} moved `{{value}}` into its pinned place, so `{{value}}` cannot be used here any more (E0382): once pinned, the value is only reachable through `{{pin}}`.',
      fix: 'Use the pin instead (`{{pin}}.as_mut()`), or shadow the name when pinning: `let mut {{value}} = std::pin::pin!({{value}});`.',
    },
  },
  query:
    '(let_declaration pattern: (_) @pattern value: (macro_invocation (token_tree) @tokens) @macro) @let',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const macro = match.node('macro');
      const tokens = match.node('tokens');
      const statement = match.node('let');
      if (!macro || !tokens || !statement || macroName(macro) !== 'pin') continue;
      const inner = tokens.children.slice(1, -1);
      const moved = inner.length === 1 && inner[0]?.type === 'identifier' ? inner[0] : null;
      if (!moved) continue;
      const binding = facts.scopes.resolve(moved);
      if (!binding || binding.kind === 'self') continue;
      const ty = facts.bindingType(binding);
      if (
        (ty.k === 'ref' && !ty.mut) ||
        (ty.k === 'path' && derefTy(ty).k === 'unknown' && isCopyScalar(ty.name))
      ) {
        continue;
      }
      const later = facts.scopes
        .usesOf(binding)
        .find((use) => use.start >= statement.end && useKind(use) !== 'assign');
      if (!later) continue;
      const pattern = match.node('pattern');
      context.report({
        node: later,
        messageId: 'movedIntoPin',
        data: {
          value: binding.name,
          line: String(macro.line),
          pin: pattern?.text.replace(/^mut\s+/, '') ?? 'the pin',
        },
      });
    }
  },
});
