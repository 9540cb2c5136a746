// `Box<dyn Future>` is a future only when the trait object is `Unpin` (`Box<F>: Future` needs
// `F: Unpin`), so awaiting it (or `Box::pin` of it, which pins the box, not the future) is E0277.
// `Pin<Box<dyn Future>>` (from `Box::pin(fut)` or `Box::into_pin(boxed)`) is what can be awaited.
import {
  callParts,
  defineRule,
  mutBorrowTarget,
  pinParts,
  placeName,
  unwrap,
  type Facts,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

/** Functions that take a future by value and require `F: Future`. */
const FUTURE_TAKERS = new Set(['spawn', 'spawn_local', 'block_on', 'run', 'timeout']);

export default defineRule({
  id: 'box-dyn-future-awaited',
  description: 'awaiting a `Box<dyn Future>` (or a boxed `!Unpin` future) that is not pinned',
  severity: 'error',
  rustc: 'E0277',
  topic: 'boxed-futures-dyn',
  messages: {
    boxNotPinned: {
      message:
        '`{{value}}` is {{type}}; a `Box<F>` is a future only when `F: Unpin`, and {{why}}, so it cannot be awaited (E0277). The future inside the box has to be pinned.',
      fix: 'Pin the future on the heap instead: return/build `Pin<Box<dyn Future<Output = _>>>` with `Box::pin(async { .. })`, or convert an existing box with `Box::into_pin(boxed)`.',
    },
    boxInPin: {
      message:
        '`Box::pin` of a `Box<dyn Future>` pins the outer box, not the future: awaiting `{{value}}` still needs the inner `dyn Future` to be `Unpin` (E0277).',
      fix: 'Use `Box::into_pin(job)` to turn the `Box<dyn Future>` into a `Pin<Box<dyn Future>>`, or take `Pin<Box<dyn Future<Output = _>>>` as the parameter type.',
    },
    boxPolled: {
      message:
        '`{{value}}` is {{type}}; polling `Pin::new(..)` of it needs the `Box` to be a future, which it is only when the boxed future is `Unpin`, and {{why}}: rustc finds `poll` but its bounds are not met (E0599).',
      fix: 'Store it as `Pin<Box<dyn Future<Output = _>>>` (`Box::pin(..)` or `Box::into_pin(..)`) and poll `{{value}}.as_mut()`.',
      rustc: 'E0599',
    },
    boxPassed: {
      message:
        '`{{callee}}` needs a future, but `{{value}}` is {{type}}: a `Box<F>` is a future only when `F: Unpin`, and {{why}} (E0277).',
      fix: 'Pass a pinned box instead: `Box::into_pin({{value}})`, or build it with `Box::pin(..)` as `Pin<Box<dyn Future<Output = _>>>`.',
    },
  },
  query: `
    (await_expression . (_) @operand) @await
    (call_expression
      function: (field_expression
        value: (call_expression
          function: (scoped_identifier path: (_) @owner name: (identifier) @new (#eq? @new "new"))
          arguments: (arguments . (_) @pinned .))
        field: (field_identifier) @poll (#eq? @poll "poll"))) @polled
    (call_expression function: (_) @callee arguments: (arguments . (_) @passed .)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const arg = match.node('pinned');
      if (arg && match.node('owner')?.text.split('::').pop() === 'Pin') {
        // `Pin::new(&mut job)` or `Pin::new(job)` with `job: &mut Box<..>` (a `retain_mut` item).
        const place = mutBorrowTarget(arg);
        const argTy = facts.typeOf(unwrap(arg));
        const pinnedTy = place
          ? facts.typeOf(place)
          : argTy.k === 'ref' && argTy.mut
            ? argTy.inner
            : null;
        const pinned = place ?? unwrap(arg);
        const boxed = pinnedTy ? boxedFuture(facts, pinnedTy, pinned) : null;
        if (boxed) {
          context.report({
            node: match.node('polled') ?? pinned,
            messageId: 'boxPolled',
            data: { value: placeName(pinned), type: '`Box<' + boxed.what + '>`', why: boxed.why },
          });
        }
        continue;
      }
      const passed = match.node('passed');
      if (passed) {
        const callee = match.node('callee')?.text ?? '';
        const name = callee.split('::').pop() ?? '';
        if (!FUTURE_TAKERS.has(name) || passed.type === 'reference_expression') continue;
        const boxed = boxedFuture(facts, facts.typeOf(passed), passed);
        if (boxed) {
          context.report({
            node: passed,
            messageId: 'boxPassed',
            data: {
              callee,
              value: placeName(passed),
              type: '`Box<' + boxed.what + '>`',
              why: boxed.why,
            },
          });
        }
        continue;
      }
      const operand = match.node('operand');
      if (!operand) continue;
      const inner = unwrap(operand);
      if (inner.type === 'reference_expression') continue;
      const ty = facts.typeOf(inner);
      if (recursiveBoxNew(facts, inner)) continue;
      const boxed = boxedFuture(facts, ty, inner);
      if (boxed) {
        context.report({
          node: inner,
          messageId: 'boxNotPinned',
          data: { value: placeName(inner), type: '`Box<' + boxed.what + '>`', why: boxed.why },
        });
        continue;
      }
      const pin = pinParts(ty);
      if (pin?.pointer === 'box' && pin.target.k === 'path' && pin.target.name === 'Box') {
        const nested = boxedFuture(facts, pin.target, inner);
        if (nested)
          context.report({ node: inner, messageId: 'boxInPin', data: { value: placeName(inner) } });
      }
    }
  },
});

function boxedFuture(
  facts: Facts,
  ty: Ty,
  at: Parameters<Facts['envAt']>[0],
): { what: string; why: string } | null {
  if (ty.k !== 'path' || ty.name !== 'Box') return null;
  const inner = ty.args[0];
  if (!inner) return null;
  if (inner.k === 'dyn' && inner.bounds.includes('Future') && !inner.bounds.includes('Unpin')) {
    return { what: 'dyn Future', why: '`dyn Future` is not `Unpin`' };
  }
  if (inner.k === 'async' && !inner.probable)
    return { what: inner.what, why: `${inner.what} is \`!Unpin\`` };
  if (inner.k === 'path') {
    const verdict = facts.unpin(inner, facts.envAt(at));
    const generic = facts.envAt(at).params.get(inner.name);
    if (verdict.value === 'no' && verdict.sure && generic?.includes('Future')) {
      return { what: inner.name, why: verdict.why };
    }
  }
  return null;
}

/** `Box::new(self_call(..))` inside the same async fn: the E0283 case of async recursion. */
function recursiveBoxNew(facts: Facts, operand: SyntaxNode): boolean {
  const parts = callParts(operand);
  if (parts?.owner !== 'Box' || parts.name !== 'new' || !parts.args[0]) return false;
  const inner = callParts(unwrap(parts.args[0]));
  return inner !== null && inner.name === facts.fnAt(operand)?.name;
}
