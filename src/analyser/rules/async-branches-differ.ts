// The branches of an `if`/`match` that yield futures must have one type, but every async block and
// every `async fn` has its own anonymous future type: E0308 ("`if` and `else` have incompatible
// types"). Boxing each branch into `Pin<Box<dyn Future>>` gives them a common type.
import { defineRule, tailOf, unwrap, type Facts, type SyntaxNode, type Ty } from '../rule.js';

export default defineRule({
  id: 'async-branches-differ',
  description: 'branches that yield different anonymous future types',
  severity: 'error',
  rustc: 'E0308',
  topic: 'boxed-futures-dyn',
  messages: {
    branchesDiffer: {
      message:
        'The branches produce {{first}} and {{second}}: two different anonymous future types, so they do not have one type (E0308).',
      fix: 'Box each branch into a common type: `Box::pin(async { .. }) as Pin<Box<dyn Future<Output = _>>>` (or return `Pin<Box<dyn Future<Output = _>>>`), or await inside the branches instead.',
    },
  },
  query: `
    (if_expression consequence: (block) @then alternative: (else_clause (block) @else)) @if
    (match_expression body: (match_block) @arms) @match`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const branches: SyntaxNode[] = [];
      const then = match.node('then');
      const otherwise = match.node('else');
      if (then && otherwise) {
        const a = tailOf(then);
        const b = tailOf(otherwise);
        if (a && b) branches.push(a, b);
      }
      const arms = match.node('arms');
      for (const arm of arms?.namedChildren.filter((c) => c.type === 'match_arm') ?? []) {
        const value = arm.child('value');
        const body = value ? (value.type === 'block' ? tailOf(value) : value) : null;
        if (body) branches.push(body);
      }
      const node = match.node('if') ?? match.node('match');
      if (!node || branches.length < 2 || !usedAsValue(node)) continue;
      const [first, ...rest] = branches.map((branch) => ({ branch, ty: futureOf(facts, branch) }));
      if (!first?.ty) continue;
      const other = rest.find((r) => r.ty && r.ty.origin !== first.ty?.origin);
      if (!other?.ty || rest.some((r) => r.ty === null)) continue;
      context.report({
        node: other.branch,
        messageId: 'branchesDiffer',
        data: { first: first.ty.what, second: other.ty.what },
      });
    }
  },
});

function futureOf(facts: Facts, branch: SyntaxNode): (Ty & { k: 'async' }) | null {
  const ty = facts.typeOf(unwrap(branch));
  return ty.k === 'async' && ty.origin ? ty : null;
}

/** The `if`/`match` is a value: a `let` initializer, a function's tail, or a returned value. */
function usedAsValue(node: SyntaxNode): boolean {
  let current = node;
  if (current.parent?.type === 'expression_statement' && !current.parent.hasAnonymous(';'))
    current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'let_declaration' || parent.type === 'return_expression') return true;
  return (
    parent.type === 'block' &&
    parent.lastNamedChild === current &&
    parent.parent?.type === 'function_item'
  );
}
