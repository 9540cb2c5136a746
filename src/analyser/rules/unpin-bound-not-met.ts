// Passing a `!Unpin` future where the callee requires `Unpin`: to a generic `F: Future + Unpin`
// (or `impl Future + Unpin`), or as `&mut fut` to a generic `F: Future` (`&mut F` is a future
// only when `F: Unpin`). rustc: E0277 "`..` cannot be unpinned".
import {
  callParts,
  defineRule,
  mutBorrowTarget,
  placeName,
  readType,
  type Facts,
  type FnInfo,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

export default defineRule({
  id: 'unpin-bound-not-met',
  description: 'a `!Unpin` future passed where the callee requires `Unpin`',
  severity: 'error',
  rustc: 'E0277',
  topic: 'unpin',
  messages: {
    needsUnpin: {
      message:
        '`{{callee}}` requires its argument to be `Unpin` ({{requirement}}), but {{why}}: `{{value}}` would have to stay put once polled, so rustc rejects the call (E0277, "cannot be unpinned").',
      fix: 'Pin it first and pass the pinned handle: `let mut {{name}} = std::pin::pin!({{value}});` then pass `{{name}}.as_mut()` (a `Pin<&mut _>` is `Unpin`), or `Box::pin(..)` it.',
    },
  },
  query:
    '(call_expression function: [(identifier) (scoped_identifier)] @callee arguments: (arguments) @args) @call',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const call = match.node('call');
      const args = match.node('args');
      if (!call || !args) continue;
      const parts = callParts(call);
      const callee = parts
        ? target(facts, parts.name, parts.kind === 'path' ? parts.owner : '', call)
        : null;
      if (!parts || !callee) continue;
      const params = (callee.node.child('parameters')?.namedChildren ?? []).filter(
        (p) => p.type === 'parameter',
      );
      params.forEach((param, index) => {
        const arg = parts.args[index];
        if (!arg) return;
        const problem = unmet(facts, callee, readType(param.child('type')), arg);
        if (!problem) return;
        const value = placeName(problem.value);
        context.report({
          node: arg,
          messageId: 'needsUnpin',
          data: {
            callee: callee.name,
            requirement: problem.requirement,
            why: problem.why,
            value,
            name: /^[a-z_][a-z0-9_]*$/.test(value) ? value : 'fut',
          },
        });
      });
    }
  },
});

/** The generic free function (or associated function) of the snippet that is called. */
function target(facts: Facts, name: string, owner: string, call: SyntaxNode): FnInfo | null {
  const ownerName = owner === 'Self' ? facts.implAt(call)?.typeName : owner;
  const candidates = facts
    .fnsNamed(name)
    .filter((fn) => (owner ? fn.impl?.typeName === ownerName : !fn.impl) && fn.receiver === null);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only?.node.child('type_parameters') ||
    only?.node.child('parameters')?.text.includes('impl ')
    ? only
    : null;
}

interface Unmet {
  requirement: string;
  why: string;
  value: SyntaxNode;
}

function unmet(facts: Facts, callee: FnInfo, param: Ty, arg: SyntaxNode): Unmet | null {
  const env = facts.envAt(arg);
  const boundsOf = (ty: Ty): readonly string[] | null => {
    if (ty.k === 'path' && ty.args.length === 0) return callee.env.params.get(ty.name) ?? null;
    if (ty.k === 'impl') return ty.bounds;
    return null;
  };
  const borrowed = mutBorrowTarget(arg);
  // `fn f<F: Future + Unpin>(fut: &mut F)` called with `&mut x`
  if (param.k === 'ref' && param.mut && borrowed) {
    const bounds = boundsOf(param.inner);
    if (!bounds?.includes('Unpin')) return null;
    const verdict = facts.unpin(facts.typeOf(borrowed), env);
    return verdict.value === 'no' && verdict.sure
      ? { requirement: `\`${describe(param.inner)}: Unpin\``, why: verdict.why, value: borrowed }
      : null;
  }
  const bounds = boundsOf(param);
  if (!bounds) return null;
  if (bounds.includes('Unpin')) {
    const value = borrowed ?? arg;
    const verdict = facts.unpin(facts.typeOf(borrowed ?? arg), env);
    return verdict.value === 'no' && verdict.sure
      ? { requirement: `\`${describe(param)}: Unpin\``, why: verdict.why, value }
      : null;
  }
  // `fn f<F: Future>(fut: F)` called with `&mut x`: `&mut X: Future` needs `X: Unpin`.
  if (bounds.includes('Future') && borrowed) {
    const ty = facts.typeOf(borrowed);
    const verdict = facts.unpin(ty, env);
    const isFuture = ty.k === 'async' || (ty.k === 'impl' && ty.bounds.includes('Future'));
    return isFuture && verdict.value === 'no' && verdict.sure
      ? {
          requirement: '`&mut F` is a future only when `F: Unpin`',
          why: verdict.why,
          value: borrowed,
        }
      : null;
  }
  return null;
}

function describe(ty: Ty): string {
  return ty.k === 'path' ? ty.name : ty.k === 'impl' ? `impl ${ty.bounds.join(' + ')}` : 'F';
}
