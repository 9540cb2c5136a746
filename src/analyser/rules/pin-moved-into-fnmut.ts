// Consuming a captured `Pin<&mut F>` inside a closure that must be callable many times
// (`poll_fn(|cx| fut.poll(cx))`): each call would move the pin out of the capture, E0507.
import {
  callParts,
  CONSUMING_PIN_METHODS,
  defineRule,
  isPinMut,
  useKind,
  type Facts,
  type SyntaxNode,
} from '../rule.js';

/** Functions and methods whose closure argument is `FnMut` (called repeatedly). */
const FNMUT_TAKERS = new Set([
  'poll_fn',
  'from_fn',
  'repeat_with',
  'for_each',
  'map',
  'filter',
  'filter_map',
  'retain',
  'retain_mut',
  'any',
  'all',
  'then',
  'unfold',
]);

export default defineRule({
  id: 'pin-moved-into-fnmut',
  description: 'a captured `Pin<&mut F>` consumed inside a closure that is called repeatedly',
  severity: 'error',
  rustc: 'E0507',
  topic: 'as-mut-reborrow',
  messages: {
    movedOutOfCapture: {
      message:
        '`{{pin}}.{{method}}(..)` takes the captured `Pin<&mut _>` by value, but `{{taker}}` calls this closure again and again (`FnMut`), so rustc cannot move `{{pin}}` out of the capture (E0507).',
      fix: 'Reborrow the pin on each call: `{{pin}}.as_mut().{{method}}(..)` (declare it `let mut {{pin}} = pin!(..)`).',
    },
  },
  query: `(call_expression arguments: (arguments (closure_expression) @closure)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const closure = match.node('closure');
      const call = match.node('call');
      if (!closure || !call) continue;
      const parts = callParts(call);
      if (!parts || !FNMUT_TAKERS.has(parts.name)) continue;
      for (const node of closure.descendants(['identifier', 'self'])) {
        if (useKind(node) !== 'receiver') continue;
        const method = node.parent?.child('field')?.text ?? '';
        if (!consumes(facts, method)) continue;
        const binding = facts.scopes.resolve(node);
        if (!binding || binding.decl.within(closure) || !isPinMut(facts.bindingType(binding)))
          continue;
        if (innerClosure(node, closure)) continue;
        context.report({
          node,
          messageId: 'movedOutOfCapture',
          data: { pin: binding.name, method, taker: parts.name },
        });
      }
    }
  },
});

function consumes(facts: Facts, method: string): boolean {
  if (CONSUMING_PIN_METHODS.has(method)) return true;
  const own = facts.fnsNamed(method).filter((fn) => fn.impl);
  return own.length > 0 && own.every((fn) => fn.receiver === 'pin-mut');
}

function innerClosure(node: SyntaxNode, closure: SyntaxNode): boolean {
  for (const ancestor of node.ancestors()) {
    if (ancestor === closure) return false;
    if (ancestor.type === 'closure_expression') return true;
  }
  return false;
}
