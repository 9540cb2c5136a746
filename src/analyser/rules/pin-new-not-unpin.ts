// `Pin::new(&mut x)` needs `x: Unpin`. Async blocks, `async fn` futures, types holding
// `PhantomPinned` and generics without an `Unpin` bound are not, so rustc says E0277
// "`..` cannot be unpinned".
import {
  defineRule,
  macroName,
  lastSegment,
  mutBorrowTarget,
  placeName,
  unwrap,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

export default defineRule({
  id: 'pin-new-not-unpin',
  description: '`Pin::new` on a value that is not `Unpin`',
  severity: 'error',
  rustc: 'E0277',
  topic: 'unpin',
  messages: {
    notUnpin: {
      message:
        '`Pin::new` only accepts `Unpin` targets, but {{why}}: `{{value}}` must stay put once it is pinned, so rustc rejects this (E0277, "cannot be unpinned").',
      fix: 'Pin `{{value}}` in place instead: `let mut {{name}} = std::pin::pin!({{name}});` (or `Box::pin(..)` to keep it on the heap), then poll `{{name}}.as_mut()`.',
    },
    notUnpinInMacro: {
      message:
        '`{{macro}}!({{arg}})` expands to `Pin::new(&mut {{arg}})` here, but {{why}}: `{{arg}}` must stay put once it is pinned, so rustc rejects the expansion (E0277, reported on this line of the macro).',
      fix: 'Pin the future before handing it to the macro (`let mut {{arg}} = std::pin::pin!({{arg}});` and pass `{{arg}}.as_mut()`), or make the macro use `std::pin::pin!` instead of `Pin::new`.',
    },
    probablyNotUnpin: {
      message:
        '`Pin::new` only accepts `Unpin` targets, and `{{value}}` is probably not `Unpin` ({{why}}); if so, rustc rejects this with E0277 and `{{value}}` must be pinned in place.',
      fix: 'Pin `{{value}}` with `std::pin::pin!` or `Box::pin(..)` instead of `Pin::new`, or make sure its type is `Unpin`.',
    },
  },
  query: `(call_expression
    function: (scoped_identifier path: (_) @owner name: (identifier) @name (#eq? @name "new"))
    arguments: (arguments . (_) @arg .)) @call`,
  check(context) {
    const { facts } = context;
    for (const use of macroPinNews(
      context.tree.ofType('macro_definition'),
      context.tree.ofType('macro_invocation'),
    )) {
      const binding = facts.scopes.resolve(use.arg);
      if (!binding) continue;
      const verdict = facts.unpin(facts.bindingType(binding), facts.envAt(use.arg));
      if (verdict.value !== 'no' || !verdict.sure) continue;
      context.report({
        node: use.at,
        messageId: 'notUnpinInMacro',
        data: { macro: use.macro, arg: use.arg.text, why: verdict.why },
      });
    }
    for (const match of context.matches) {
      const owner = match.node('owner');
      const arg = match.node('arg');
      const call = match.node('call');
      if (!owner || !arg || !call || lastSegment(owner.text) !== 'Pin') continue;
      const target = targetOf(arg, facts.typeOf(unwrap(arg)));
      if (!target) continue;
      const verdict = facts.unpin(target.ty, facts.envAt(call));
      if (verdict.value === 'unknown') {
        // A fragment: `let mut fut = fetch(3);` with `fetch` not shown, then `Pin::new(&mut fut)`.
        const callee = facts.unknownCallee(unwrap(target.node));
        if (callee && isPolled(call)) {
          context.report({
            node: call,
            messageId: 'probablyNotUnpin',
            data: {
              value: placeName(target.node),
              why: `it comes from \`${callee}(..)\`, probably an \`async fn\` whose future is \`!Unpin\``,
              name: 'fut',
            },
          });
        }
        continue;
      }
      if (verdict.value !== 'no') continue;
      const value = placeName(target.node);
      const name = /^[a-z_][a-z0-9_]*$/.test(value) ? value : 'fut';
      const data = { value, name, why: verdict.why };
      const generic = verdict.why.includes('no `Unpin` bound');
      const field = value.includes('.');
      let fix: string | undefined;
      if (field) {
        fix = `Project the pin to the field instead of re-pinning it: \`unsafe { self.map_unchecked_mut(|s| &mut s.${value.split('.').pop() ?? 'field'}) }\` (or #[pin] with the pin-project crate), or require the field's type to be \`Unpin\`.`;
      } else if (generic) {
        fix = `Add an \`Unpin\` bound (\`F: Future + Unpin\`) so \`Pin::new\` is allowed, or take the future by value and pin it with \`std::pin::pin!\`.`;
      }
      context.report({
        node: call,
        messageId: verdict.sure ? 'notUnpin' : 'probablyNotUnpin',
        data,
        ...(fix ? { fix } : {}),
      });
    }
  },
});

/** What `Pin::new(arg)` pins: the place behind `&mut x`, or the pointee of a `&mut T` / `Box<T>`. */
function targetOf(arg: SyntaxNode, argTy: Ty): { node: SyntaxNode; ty: Ty } | null {
  const borrowed = mutBorrowTarget(arg);
  if (argTy.k === 'ref') return { node: borrowed ?? arg, ty: argTy.inner };
  if (argTy.k === 'path' && argTy.name === 'Box') {
    const inner = argTy.args[0];
    return inner ? { node: boxedNode(arg) ?? arg, ty: inner } : null;
  }
  return null;
}

function boxedNode(arg: SyntaxNode): SyntaxNode | null {
  const inner = unwrap(arg);
  if (inner.type !== 'call_expression') return null;
  return inner.child('arguments')?.namedChildren[0] ?? null;
}

/** `Pin::new(..).poll(..)` or a pin that is polled: the value is used as a future. */
function isPolled(call: SyntaxNode): boolean {
  const parent = call.parent;
  return parent?.type === 'field_expression' && parent.child('field')?.text === 'poll';
}

interface MacroPinNew {
  /** The `Pin` token in the macro body, where rustc reports the error. */
  at: SyntaxNode;
  macro: string;
  /** The identifier passed for the pinned metavariable at an invocation. */
  arg: SyntaxNode;
}

/**
 * `macro_rules! m { ($f:expr ..) => { Pin::new(&mut $f) .. } }` and its invocations `m!(x, ..)`:
 * each invocation whose argument for `$f` is a plain variable.
 */
function macroPinNews(definitions: SyntaxNode[], invocations: SyntaxNode[]): MacroPinNew[] {
  const out: MacroPinNew[] = [];
  for (const definition of definitions) {
    const name = definition.child('name')?.text;
    if (!name) continue;
    for (const rule of definition.namedChildren.filter((c) => c.type === 'macro_rule')) {
      const left = rule.child('left');
      const right = rule.child('right');
      if (!left || !right) continue;
      const params = left.descendants(['metavariable']).map((m) => m.text);
      for (const pin of right.descendants(['identifier'])) {
        if (pin.text !== 'Pin') continue;
        const siblings = pin.parent?.children ?? [];
        const [sep, fn, args] = [
          siblings[pin.index + 1],
          siblings[pin.index + 2],
          siblings[pin.index + 3],
        ];
        if (sep?.text !== '::' || fn?.text !== 'new' || args?.type !== 'token_tree') continue;
        const inner = args.children.slice(1, -1).map((t) => t.text);
        const meta =
          inner.length === 3 && inner[0] === '&' && inner[1] === 'mut' ? inner[2] : undefined;
        const position = meta ? params.indexOf(meta) : -1;
        if (position < 0) continue;
        for (const invocation of invocations) {
          if (macroName(invocation) !== name) continue;
          const arg = macroArgs(invocation)[position];
          if (arg?.length === 1 && arg[0]?.type === 'identifier')
            out.push({ at: pin, macro: name, arg: arg[0] });
        }
      }
    }
  }
  return out;
}

/** The comma-separated arguments of a macro invocation, as token lists. */
function macroArgs(invocation: SyntaxNode): SyntaxNode[][] {
  const tokens = invocation.childOfType('token_tree')?.children.slice(1, -1) ?? [];
  const args: SyntaxNode[][] = [[]];
  for (const token of tokens) {
    if (token.text === ',') args.push([]);
    else args.at(-1)?.push(token);
  }
  return args;
}
