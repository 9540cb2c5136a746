// Writing through a `Pin<&mut T>` (`*p = ..`, `p.field = ..`) or borrowing `&mut *p` needs
// `DerefMut`, which `Pin` only offers when `T: Unpin`. rustc: E0594 for writes, E0596 for
// mutable borrows (these are borrow-check errors, so a type error in the same body hides them).
import { defineRule, pinParts, placeName, unwrap, type Facts, type SyntaxNode } from '../rule.js';

/** Methods of std types that take `&mut self`. */
const MUTATING = new Set([
  'push',
  'push_str',
  'push_back',
  'push_front',
  'pop',
  'pop_back',
  'pop_front',
  'insert',
  'remove',
  'clear',
  'extend',
  'truncate',
  'retain',
  'retain_mut',
  'sort',
  'sort_by',
  'sort_unstable',
  'drain',
  'append',
  'dedup',
  'entry',
  'iter_mut',
  'get_or_insert',
  'get_or_insert_with',
  'swap_remove',
  'take',
  'replace',
]);

export default defineRule({
  id: 'pin-deref-mut-not-unpin',
  description: 'writing or borrowing `&mut` through a `Pin` whose target is not `Unpin`',
  severity: 'error',
  rustc: 'E0594',
  topic: 'pin-set',
  messages: {
    assign: {
      message:
        'This writes through `{{pin}}`, a `Pin` to a `!Unpin` value ({{why}}); `Pin` gives `DerefMut` only for `Unpin` targets, so rustc refuses the assignment (E0594). The pinned value must stay put.',
      fix: 'Replace the whole value with `{{pin}}.set(new_value)`; to change one field, use a projection (`unsafe { {{pin}}.as_mut().get_unchecked_mut() }.field = ..`, or #[pin] with pin-project).',
      rustc: 'E0594',
    },
    borrowMut: {
      message:
        'This borrows `&mut` through `{{pin}}`, a `Pin` to a `!Unpin` value ({{why}}); `Pin` gives `DerefMut` only for `Unpin` targets (E0596), because `&mut` would let the pinned value be moved.',
      fix: 'Keep working through the pin (`{{pin}}.as_mut()`, methods taking `self: Pin<&mut Self>`), or use `unsafe { {{pin}}.as_mut().get_unchecked_mut() }` and never move out of the result.',
      rustc: 'E0596',
    },
  },
  query: `
    (assignment_expression left: (_) @place) @write
    (compound_assignment_expr left: (_) @place) @write
    (reference_expression (mutable_specifier) value: (_) @place) @borrow
    (call_expression function: (field_expression value: (_) @place field: (field_identifier) @method)) @call`,
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const place = match.node('place');
      if (!place) continue;
      const root = pinnedRoot(facts, place);
      if (!root) continue;
      const write = match.node('write');
      if (write) {
        if (!root.throughDeref) continue;
        context.report({
          node: write,
          messageId: 'assign',
          data: { pin: root.name, why: root.why },
        });
        continue;
      }
      const borrow = match.node('borrow');
      if (borrow) {
        if (!root.throughDeref) continue;
        context.report({
          node: borrow,
          messageId: 'borrowMut',
          data: { pin: root.name, why: root.why },
        });
        continue;
      }
      const call = match.node('call');
      const method = match.node('method')?.text ?? '';
      if (!call || !needsMutReceiver(facts, place, method, root.throughDeref)) continue;
      context.report({
        node: call,
        messageId: 'borrowMut',
        data: { pin: root.name, why: root.why },
      });
    }
  },
});

interface PinnedRoot {
  name: string;
  why: string;
  /** The place goes through the pin's deref (`*p`, `p.field`), not the pin itself. */
  throughDeref: boolean;
}

/**
 * For `*p`, `p.a.b`, `**r`: the variable `p` when it is a `Pin<&mut T>`/`Pin<Box<T>>` with
 * `T: !Unpin` (or `r` a reference to one), and whether the place reaches through the pin.
 */
function pinnedRoot(facts: Facts, place: SyntaxNode): PinnedRoot | null {
  let current = unwrap(place);
  let fields = false;
  let derefs = 0;
  for (let guard = 0; guard < 8; guard++) {
    if (current.type === 'field_expression' && derefs === 0) {
      const value = current.child('value');
      if (!value) return null;
      current = unwrap(value);
      fields = true;
    } else if (current.type === 'unary_expression' && current.hasAnonymous('*')) {
      const value = current.namedChildren[0];
      if (!value) return null;
      current = unwrap(value);
      derefs++;
    } else {
      break;
    }
  }
  if (current.type !== 'identifier' && current.type !== 'self') return null;
  const ty = facts.typeOf(current);
  // `e: &mut Pin<Box<T>>`: the first `*` reaches the pin, the second its target (fields and
  // method calls auto-dereference through both).
  const viaRef = ty.k === 'ref';
  const pin = pinParts(viaRef ? ty.inner : ty);
  if (!pin || (pin.pointer !== 'mut' && pin.pointer !== 'box')) return null;
  const verdict = facts.unpin(pin.target, facts.envAt(current));
  if (verdict.value !== 'no' || !verdict.sure) return null;
  const throughDeref = fields || derefs >= (viaRef ? 2 : 1);
  return { name: placeName(current), why: verdict.why, throughDeref };
}

/** `Pin`'s own methods, found before auto-deref reaches the target. */
const PIN_METHODS = new Set([
  'set',
  'as_mut',
  'as_ref',
  'get_mut',
  'get_ref',
  'get_unchecked_mut',
  'map_unchecked_mut',
  'map_unchecked',
  'into_ref',
  'poll',
]);

function needsMutReceiver(
  facts: Facts,
  place: SyntaxNode,
  method: string,
  throughDeref: boolean,
): boolean {
  if (!throughDeref && PIN_METHODS.has(method)) return false;
  const own = facts.fnsNamed(method).filter((fn) => fn.impl);
  if (own.length > 0) return own.every((fn) => fn.receiver === 'mut');
  return throughDeref && place.type === 'field_expression' && MUTATING.has(method);
}
