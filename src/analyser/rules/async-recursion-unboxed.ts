// An async fn that awaits itself (directly or through other async fns) would need a future type
// that contains itself, so rustc asks for indirection (E0733), pointing at the `async fn` line (or
// at the `async move {` of a recursive async block). A cycle gets one error, where rustc's walk
// (async fns in file order, calls in source order) closes it: mutual recursion on the first
// function, unless the walk first meets a function that calls itself.
import {
  attributesOf,
  callParts,
  defineRule,
  type Facts,
  type FnInfo,
  type SyntaxNode,
  tailOf,
  unwrap,
} from '../rule.js';

/** Calls whose argument is kept behind a pointer (or in another task), breaking the cycle. */
const INDIRECTION = new Set([
  'pin',
  'new',
  'spawn',
  'spawn_local',
  'into_pin',
  'boxed',
  'boxed_local',
]);

export default defineRule({
  id: 'async-recursion-unboxed',
  description: 'an async fn (or async block) that awaits itself without boxing',
  severity: 'error',
  rustc: 'E0733',
  topic: 'async-recursion',
  messages: {
    recursive: {
      message:
        '`{{name}}` awaits {{how}} directly, so its future would have to contain itself and have infinite size (E0733: recursion in an async fn requires boxing).',
      fix: 'Box the recursive call so the inner future lives on the heap: `Box::pin({{call}}).await`.',
    },
    recursiveBlock: {
      message:
        'The async block returned by `{{name}}` awaits `{{name}}(..)` again, so the future would contain itself (E0733: recursion in an async block requires boxing).',
      fix: 'Box the recursive call: `Box::pin({{call}}).await`, or return `Pin<Box<dyn Future<Output = _>>>` built with `Box::pin(async move { .. })`.',
    },
  },
  check(context) {
    const { facts } = context;
    // `#[async_recursion]` and `#[async_trait]` box the futures themselves.
    const boxedByMacro = (fn: FnInfo): boolean =>
      [fn.node, fn.impl?.node].some((item) =>
        item
          ? attributesOf(item).some((a) => a.name === 'async_recursion' || a.name === 'async_trait')
          : false,
      );
    const asyncFns = facts.fns.filter((fn) => fn.async && fn.body && !boxedByMacro(fn));
    // Edges: async fn -> async fns it awaits without indirection.
    const edges = new Map<FnInfo, { target: FnInfo; call: SyntaxNode }[]>();
    for (const fn of asyncFns) {
      const body = fn.body;
      if (!body) continue;
      const out: { target: FnInfo; call: SyntaxNode }[] = [];
      for (const call of body.descendants(['call_expression'])) {
        if (!ownedBy(call, fn.node) || behindIndirection(call, body)) continue;
        for (const target of callees(facts, call, fn)) out.push({ target, call });
      }
      edges.set(fn, out);
    }
    // rustc walks the async fns in file order and each body's calls in source order, and
    // reports the first cycle it closes, once, at the fn the cycle returns to.
    const reported = new Set<FnInfo>();
    for (const fn of asyncFns) {
      if (reported.has(fn)) continue;
      const cycle = firstCycle(fn, edges, reported);
      if (!cycle) continue;
      for (const member of cycle.members) reported.add(member);
      const first = cycle.head;
      const next = cycle.members[1] ?? first;
      const edge = edges.get(first)?.find((e) => e.target === next);
      const how =
        edge?.target === first
          ? 'itself'
          : `\`${edge?.target.name ?? ''}\`, which awaits \`${first.name}\` again`;
      context.report({
        node: first.node,
        messageId: 'recursive',
        data: { name: first.name, how, call: edge ? unwrap(edge.call).text : `${first.name}(..)` },
      });
    }
    // fn f(..) -> impl Future { async move { .. f(..).await .. } }
    for (const fn of facts.fns) {
      if (fn.async || !fn.body) continue;
      const block = tailOf(fn.body);
      if (block?.type !== 'async_block') continue;
      for (const call of block.descendants(['call_expression'])) {
        if (behindIndirection(call, block)) continue;
        if (!callees(facts, call, fn).includes(fn)) continue;
        context.report({
          node: block,
          messageId: 'recursiveBlock',
          data: { name: fn.name, call: unwrap(call).text },
        });
        break;
      }
    }
  },
});

/** True when `call` belongs to `fnNode`'s own body (not to a nested fn item or closure). */
function ownedBy(call: SyntaxNode, fnNode: SyntaxNode): boolean {
  return call.closest(['function_item', 'closure_expression']) === fnNode;
}

/** The call's future is moved behind a pointer or into another task: `Box::pin(f())`, `spawn(f())`, `f().boxed()`. */
function behindIndirection(call: SyntaxNode, limit: SyntaxNode): boolean {
  const receiverOf = call.parent?.type === 'field_expression' ? call.parent.parent : null;
  const method = receiverOf ? callParts(receiverOf) : null;
  if (method?.kind === 'method' && INDIRECTION.has(method.name)) return true;
  for (const ancestor of call.ancestors()) {
    if (ancestor === limit) return false;
    if (ancestor.type !== 'call_expression') continue;
    const parts = callParts(ancestor);
    if (!parts || parts.kind === 'method') continue;
    if (INDIRECTION.has(parts.name) && (parts.owner === 'Box' || parts.name.startsWith('spawn')))
      return true;
  }
  return false;
}

/** The async fns of the snippet that `call` calls. */
function callees(facts: Facts, call: SyntaxNode, caller: FnInfo): FnInfo[] {
  const parts = callParts(call);
  if (!parts) return [];
  if (parts.kind === 'fn') {
    const fn = call.child('function');
    if (fn && facts.scopes.resolve(fn)) return [];
    return facts.fnsNamed(parts.name).filter((f) => !f.impl && (f.async || f === caller));
  }
  if (parts.kind === 'path') {
    const owner = (parts.owner === 'Self' ? caller.impl?.typeName : parts.owner) ?? '';
    return facts
      .fnsNamed(parts.name)
      .filter(
        (f) =>
          (f.async || f === caller) &&
          (f.impl ? f.impl.typeName === owner : owner === '' || !facts.types.has(owner)),
      );
  }
  if (parts.kind === 'method' && parts.receiver) {
    const receiverTy = facts.typeOf(parts.receiver);
    const named = receiverTy.k === 'ref' ? receiverTy.inner : receiverTy;
    let typeName =
      named.k === 'path' ? (named.name === 'Self' ? caller.impl?.typeName : named.name) : null;
    // An unknown receiver reached from `self` (a child in a tree: `self.left`, `for c in
    // &self.children`) is taken to be of the same type; any other unknown receiver: no edge.
    if (!typeName && named.k === 'unknown' && reachedFromSelf(facts, parts.receiver)) {
      typeName = caller.impl?.typeName ?? null;
    }
    // A fragment showing methods without their `impl` block: `self.name(..)` (or a child reached
    // from `self`) calls a method of the same, unseen type.
    if (!caller.impl && !caller.inTrait && caller.receiver) {
      const receiver = unwrap(parts.receiver);
      if (receiver.type === 'self' || reachedFromSelf(facts, receiver)) {
        return facts
          .fnsNamed(parts.name)
          .filter((f) => !f.impl && !f.inTrait && f.receiver && (f.async || f === caller));
      }
    }
    if (!typeName) return [];
    return facts
      .fnsNamed(parts.name)
      .filter((f) => f.impl && (f.async || f === caller) && f.impl.typeName === typeName);
  }
  return [];
}

/**
 * The first cycle a depth-first walk from `start` closes, following calls in source order:
 * `head` is the fn the cycle returns to, `members` the cycle from `head` on.
 */
function firstCycle(
  start: FnInfo,
  edges: Map<FnInfo, { target: FnInfo; call: SyntaxNode }[]>,
  skip: ReadonlySet<FnInfo>,
): { head: FnInfo; members: FnInfo[] } | null {
  const stack: FnInfo[] = [];
  const seen = new Set<FnInfo>();
  const visit = (fn: FnInfo): { head: FnInfo; members: FnInfo[] } | null => {
    const at = stack.indexOf(fn);
    if (at >= 0) return { head: fn, members: stack.slice(at) };
    if (seen.has(fn) || skip.has(fn)) return null;
    seen.add(fn);
    stack.push(fn);
    for (const edge of edges.get(fn) ?? []) {
      const found = visit(edge.target);
      if (found) return found;
    }
    stack.pop();
    return null;
  };
  return visit(start);
}

/**
 * A child reached from `self` through the indirection a recursive type needs: a loop over
 * `&self.children`, `self.left.as_ref().unwrap()`, `if let Some(c) = &self.next`. A plain field
 * (`self.inner.handle()`) is delegation to another type, not recursion.
 */
function reachedFromSelf(facts: Facts, receiver: SyntaxNode, indirect = false, depth = 0): boolean {
  let current: SyntaxNode | null = unwrap(receiver);
  let through = indirect;
  for (let guard = 0; current && guard < 10; guard++) {
    if (current.type === 'self') return through;
    if (current.type === 'field_expression' || current.type === 'reference_expression') {
      current = current.child('value');
    } else if (current.type === 'index_expression') {
      through = true;
      current = current.namedChildren[0] ?? null;
    } else if (current.type === 'call_expression') {
      const fn = current.child('function');
      const method = fn?.type === 'field_expression' ? fn.child('field')?.text : undefined;
      if (
        method &&
        ['as_ref', 'as_deref', 'unwrap', 'expect', 'iter', 'get', 'first', 'last'].includes(method)
      ) {
        through = true;
      }
      current = fn?.type === 'field_expression' ? fn.child('value') : null;
    } else if (current.type === 'identifier' && depth < 2) {
      const binding = facts.scopes.resolve(current);
      if (binding?.kind === 'pattern') {
        const source =
          binding.decl.type === 'for_expression'
            ? binding.decl.child('value')
            : binding.decl.type === 'let_condition'
              ? binding.decl.child('value')
              : binding.decl.type === 'match_arm'
                ? (binding.decl.parent?.parent?.child('value') ?? null)
                : null;
        return source ? reachedFromSelf(facts, source, true, depth + 1) : false;
      }
      return binding?.kind === 'let' && binding.value
        ? reachedFromSelf(facts, binding.value, through, depth + 1)
        : false;
    } else {
      return false;
    }
    current = current ? unwrap(current) : null;
  }
  return false;
}
