// After `get_unchecked_mut()`, a structurally pinned field must still never move: `mem::swap`,
// `mem::replace`, `mem::take`, `Option::take` and `Vec` reordering or growth (`retain_mut`,
// `swap_remove`, `push` ...) all move pinned values. Undefined behaviour, no warning from rustc.
import {
  callParts,
  defineRule,
  mutBorrowTarget,
  unwrap,
  type Facts,
  type SyntaxNode,
} from '../rule.js';

/** `Vec` (and `VecDeque`) methods that move existing elements. */
const MOVES_ELEMENTS = new Set([
  'retain',
  'retain_mut',
  'swap',
  'swap_remove',
  'remove',
  'insert',
  'push',
  'push_back',
  'push_front',
  'extend',
  'append',
  'sort',
  'sort_by',
  'sort_by_key',
  'sort_unstable',
  'sort_unstable_by',
  'reverse',
  'dedup',
  'pop',
  'drain',
  'rotate_left',
  'rotate_right',
  // growth that may reallocate the buffer, or moving elements into another Vec
  'reserve',
  'reserve_exact',
  'resize',
  'resize_with',
  'extend_from_slice',
  'extend_from_within',
  'shrink_to',
  'shrink_to_fit',
  'split_off',
  'dedup_by',
  'dedup_by_key',
  'sort_by_cached_key',
  'swap_with_slice',
  'make_contiguous',
]);

export default defineRule({
  id: 'swap-pinned-field',
  description: 'moving a structurally pinned field out through `get_unchecked_mut`',
  severity: 'unsound',
  rustc: null,
  topic: 'pin-projection',
  messages: {
    fieldMoved: {
      message:
        '`{{field}}` is pinned structurally (it is projected to `Pin<&mut _>` on line {{line}}), so once the struct is pinned `{{field}}` must never move; `{{op}}` moves it out through the `&mut` that `get_unchecked_mut` returned. Undefined behaviour; rustc gives no warning.',
      fix: 'Replace the pinned field in place instead: project it (`unsafe { self.map_unchecked_mut(|s| &mut s.{{field}}) }`) and call `.set(new_value)`, or store it as `Pin<Box<_>>` so it may move freely.',
    },
    valueMoved: {
      message:
        '`{{value}}` is the `&mut` that `get_unchecked_mut` returned for a pinned `!Unpin` value, and `{{op}}` moves that value out of its pinned place. Undefined behaviour; rustc gives no warning.',
      fix: 'Replace a pinned value in place with `Pin::set` (`pinned.set(new_value)`), which drops the old one where it is, instead of swapping through `get_unchecked_mut`.',
    },
    elementsMoved: {
      message:
        'The elements of `{{field}}` are pinned in place (line {{line}}), but `{{op}}` moves elements of the `Vec` (shifting or reallocating them) while they are pinned. Undefined behaviour; rustc gives no warning.',
      fix: 'Store the elements as `Pin<Box<F>>` (so moving the box does not move the future), or never reorder/grow the Vec after its elements were pinned.',
    },
  },
  query: '(call_expression) @call',
  check(context) {
    const { facts } = context;
    for (const match of context.matches) {
      const call = match.node('call');
      const parts = call ? callParts(call) : null;
      if (!call || !parts) continue;
      // mem::swap(&mut this.a, ..) / mem::replace(&mut this.f, ..) / mem::take(&mut this.f)
      if ((parts.kind === 'path' && parts.owner === 'mem') || parts.kind === 'fn') {
        if (!['swap', 'replace', 'take'].includes(parts.name)) continue;
        const whole = parts.args
          .slice(0, parts.name === 'swap' ? 2 : 1)
          .find((arg) => wholePinnedValue(facts, arg));
        if (whole) {
          context.report({
            node: call,
            messageId: 'valueMoved',
            data: { value: unwrap(whole).text, op: `mem::${parts.name}` },
          });
          continue;
        }
        for (const arg of parts.args.slice(0, parts.name === 'swap' ? 2 : 1)) {
          const place = mutBorrowTarget(arg);
          const field = place ? pinnedField(facts, place, false) : null;
          if (field) {
            context.report({
              node: call,
              messageId: 'fieldMoved',
              data: { field: field.name, line: String(field.line), op: `mem::${parts.name}` },
            });
            break;
          }
        }
        continue;
      }
      if (parts.kind !== 'method' || !parts.receiver) continue;
      const receiver = unwrap(parts.receiver);
      if (parts.name === 'take' || parts.name === 'replace') {
        const field = pinnedField(facts, receiver, false);
        if (field) {
          context.report({
            node: call,
            messageId: 'fieldMoved',
            data: { field: field.name, line: String(field.line), op: `.${parts.name}()` },
          });
        }
        continue;
      }
      if (MOVES_ELEMENTS.has(parts.name)) {
        const field = pinnedField(facts, receiver, true);
        if (field) {
          context.report({
            node: call,
            messageId: 'elementsMoved',
            data: { field: field.name, line: String(field.line), op: `.${parts.name}(..)` },
          });
        }
      }
    }
  },
});

/**
 * For `this.f` where `this` came from `get_unchecked_mut()` and `f` is projected somewhere: the
 * field's name and the projection's line.
 */
function pinnedField(
  facts: Facts,
  place: SyntaxNode,
  elements: boolean,
): { name: string; line: number } | null {
  const inner = unwrap(place);
  if (inner.type !== 'field_expression') return null;
  const name = inner.child('field')?.text;
  const base = inner.child('value');
  if (!name || !base || !fromGetUncheckedMut(facts, base)) return null;
  const type = facts.ownerTypeName(base);
  const projection = facts.projections.find(
    (p) =>
      p.field === name &&
      p.elements === elements &&
      (p.type === null || type === null || p.type === type),
  );
  return projection ? { name, line: projection.node.line } : null;
}

/** True when `node` is (a variable holding) the result of `get_unchecked_mut()`. */
function fromGetUncheckedMut(facts: Facts, node: SyntaxNode, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = unwrap(node);
  const parts = callParts(inner);
  if (parts?.name === 'get_unchecked_mut') return true;
  if (inner.type === 'identifier') {
    const binding = facts.scopes.resolve(inner);
    return (
      binding?.kind === 'let' &&
      binding.value !== null &&
      fromGetUncheckedMut(facts, binding.value, depth + 1)
    );
  }
  return false;
}

/** `unsafe { p.get_unchecked_mut() }` (or a variable holding it) whose target is not `Unpin`. */
function wholePinnedValue(facts: Facts, arg: SyntaxNode): boolean {
  const inner = unwrap(arg);
  if (!fromGetUncheckedMut(facts, inner)) return false;
  const ty = facts.typeOf(inner);
  const target = ty.k === 'ref' ? ty.inner : ty;
  const verdict = facts.unpin(target, facts.envAt(arg));
  return verdict.value === 'no' && verdict.sure;
}
