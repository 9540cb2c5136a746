// `unsafe { Pin::new_unchecked(&mut x) }` promises that `x` never moves again until it is dropped.
// Moving `x` afterwards (`let y = x`, `mem::swap(&mut x, ..)`, returning it, `Some(x)`) breaks that
// promise: undefined behaviour for a self-referential future, with no warning from rustc. When the
// pin is still used after the move, the borrow checker catches it instead (E0505).
import {
  callParts,
  closuresBetween,
  defineRule,
  mutBorrowTarget,
  outerExpression,
  placeName,
  unwrap,
  useKind,
  type Binding,
  type Facts,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

const SWAPPERS = new Set(['swap', 'replace', 'take']);

export default defineRule({
  id: 'move-after-pin-new-unchecked',
  description: 'moving a value after pinning it with `Pin::new_unchecked`',
  severity: 'unsound',
  rustc: null,
  topic: 'pinning-is-permanent',
  messages: {
    movedAfterPin: {
      message:
        '`{{value}}` was pinned with `Pin::new_unchecked` on line {{line}}, which promises it stays at that address until it is dropped, but {{how}} moves it.{{why}} This is undefined behaviour; rustc gives no warning.',
      fix: 'Pin it so it cannot be named again: `let mut {{value}} = std::pin::pin!({{value}});` (or `Box::pin`), or shadow it right away: `let mut {{value}} = unsafe { Pin::new_unchecked(&mut {{value}}) };`.',
    },
    movedWhileBorrowed: {
      message:
        "`{{value}}` is moved here while the `Pin` made from `&mut {{value}}` on line {{line}} is still used later, so the borrow checker rejects the move (E0505). Even without that later use, moving a pinned value breaks `Pin::new_unchecked`'s contract.",
      fix: 'Do not move `{{value}}` after pinning it: pin it with `std::pin::pin!({{value}})` so the original binding is gone, and finish using the pin first.',
      severity: 'error',
      rustc: 'E0505',
    },
  },
  query: `(call_expression
    function: (scoped_identifier path: (_) @owner name: (identifier) @name (#eq? @name "new_unchecked"))
    arguments: (arguments . (_) @arg .)) @call`,
  check(context) {
    const { facts } = context;
    const reported = new Set<Binding>();

    /**
     * `Pin::new_unchecked(&mut v[i])` (or of `this.futures[i]`), then `v.swap(..)` /
     * `v.swap_remove(..)` / `v.push(..)` moves it.
     */
    function reportElementMoves(vector: SyntaxNode, target: SyntaxNode, call: SyntaxNode): void {
      const path = localPath(vector);
      const binding = path && !path.element ? facts.scopes.resolve(path.root) : null;
      if (!path || !binding || reported.has(binding)) return;
      if (facts.unpin(facts.typeOf(target), facts.envAt(call)).value === 'yes') return;
      const name = [binding.name, ...path.fields].join('.');
      for (const use of facts.scopes.usesOf(binding)) {
        if (use.start < call.end) continue;
        const place = exactPlace(use, path.fields);
        if (!place || useKind(place) !== 'receiver') continue;
        const method = place.parent?.child('field')?.text ?? '';
        if (!REORDERING.has(method)) continue;
        reported.add(binding);
        context.report({
          node: place.parent?.parent ?? use,
          messageId: 'movedAfterPin',
          data: {
            value: placeName(target),
            line: String(call.line),
            how: `\`${name}.${method}(..)\` (which moves the elements of \`${name}\`)`,
            why: '',
          },
          fix: `Keep the futures as \`Vec<Pin<Box<_>>>\` (\`Box::pin\` each one) so that reordering \`${name}\` moves only the boxes, or never reorder or grow \`${name}\` after pinning its elements.`,
        });
        return;
      }
    }

    /** `Pin::new_unchecked(Rc::clone(&rc))`, then `Rc::get_mut(&mut rc)` hands the value out. */
    function reportSharedPointerEscape(binding: Binding, call: SyntaxNode): void {
      if (reported.has(binding)) return;
      for (const use of facts.scopes.usesOf(binding)) {
        if (use.start < call.end) continue;
        const outer = outerExpression(use);
        const args = (
          outer.parent?.type === 'reference_expression' ? outerExpression(outer.parent) : outer
        ).parent;
        const escape = args?.type === 'arguments' && args.parent ? callParts(args.parent) : null;
        if (!escape || escape.kind !== 'path' || !['Rc', 'Arc'].includes(escape.owner)) continue;
        if (
          !['get_mut', 'make_mut', 'try_unwrap', 'into_inner', 'unwrap_or_clone'].includes(
            escape.name,
          )
        )
          continue;
        reported.add(binding);
        context.report({
          node: escape.call,
          messageId: 'movedAfterPin',
          data: {
            value: binding.name,
            line: String(call.line),
            how: `\`${escape.owner}::${escape.name}\` (which hands out the value once the pin is dropped)`,
            why: ` (A clone of \`${binding.name}\` was pinned, so the value it shares must never move.)`,
          },
        });
        return;
      }
    }
    for (const match of context.matches) {
      const call = match.node('call');
      const arg = match.node('arg');
      const owner = match.node('owner');
      if (!call || !arg || owner?.text.split('::').pop() !== 'Pin') continue;
      const shared = sharedPointerTarget(facts, arg);
      if (shared) {
        reportSharedPointerEscape(shared, call);
        continue;
      }
      checkPinned(call, arg);
      // `fn poll_once<F>(fut: &mut F) { unsafe { Pin::new_unchecked(fut) } .. }`: every call
      // `poll_once(&mut x)` pins `x` with the same promise.
      for (const site of callsPinningParameter(
        facts,
        context.tree.ofType('call_expression'),
        arg,
      )) {
        checkPinned(site.call, site.arg);
      }
    }

    /** `arg` (`&mut x`, `&x`, `&mut x.field`) is pinned at `call`: report a later move of `x`. */
    function checkPinned(call: SyntaxNode, arg: SyntaxNode): void {
      // `&mut x` or `&x` (a `Pin<&T>` made unchecked carries the same promise).
      const target = mutBorrowTarget(arg) ?? sharedBorrowTarget(arg) ?? borrowedElement(facts, arg);
      if (target && unwrap(target).type === 'index_expression') {
        const vector = unwrap(target).namedChildren[0];
        if (vector) reportElementMoves(vector, target, call);
        return;
      }
      // `&mut x`, or `&mut x.field` of a local struct (then moving `x` moves the field too).
      const path = target ? localPath(target) : null;
      if (!target || !path || path.element) return;
      const binding = facts.scopes.resolve(path.root);
      if (!binding || reported.has(binding) || binding.kind === 'self') return;
      if (path.fields.length > 0 && !isOwnedValue(facts.bindingType(binding))) return;
      const verdict = facts.unpin(facts.typeOf(target), facts.envAt(call));
      if (verdict.value === 'yes') return;
      const pinHolder = pinBinding(facts, call);
      const holderUses = pinHolder ? facts.scopes.usesOf(pinHolder) : [];
      for (const use of facts.scopes.usesOf(binding)) {
        if (use.start < call.end) continue;
        const moved = movedPlace(use, path.fields);
        const how = moved ? moveOf(moved, binding) : null;
        if (!moved || !how) continue;
        const stillUsed = holderUses.some((u) => u.start > use.end);
        const why = verdict.value === 'no' ? ` (${verdict.why}.)` : '';
        context.report({
          node: moved,
          messageId: stillUsed ? 'movedWhileBorrowed' : 'movedAfterPin',
          data: { value: placeName(target), line: String(call.line), how, why },
          ...(path.fields.length > 0
            ? {
                fix: `Pin the whole value instead (\`let mut ${binding.name} = Box::pin(${binding.name});\`) and project to the field, or never move \`${binding.name}\` after pinning one of its fields.`,
              }
            : {}),
        });
        reported.add(binding);
        break;
      }
    }
  },
});

/**
 * When `arg` is a reference parameter of the snippet's own fn, pinned unchecked inside it: the
 * calls of that fn, each with the argument it passes for the parameter.
 */
function callsPinningParameter(
  facts: Facts,
  calls: readonly SyntaxNode[],
  arg: SyntaxNode,
): { call: SyntaxNode; arg: SyntaxNode }[] {
  const inner = unwrap(arg);
  const param = inner.type === 'identifier' ? facts.scopes.resolve(inner) : null;
  if (param?.kind !== 'param' || facts.bindingType(param).k !== 'ref') return [];
  const fn = facts.fnAt(param.decl);
  const position = param.decl.parent?.namedChildren.indexOf(param.decl) ?? -1;
  if (!fn || fn.receiver !== null || position < 0) return [];
  return calls.flatMap((call) => {
    const parts = callParts(call);
    const passed =
      parts?.kind === 'fn' && parts.name === fn.name ? parts.args[position] : undefined;
    return passed && !call.within(fn.node) ? [{ call, arg: passed }] : [];
  });
}

/**
 * The variable that holds the pin, for `let p = unsafe { Pin::new_unchecked(&mut x) };` or a
 * struct literal with the pin in a field.
 */
function pinBinding(facts: Facts, call: SyntaxNode): Binding | null {
  let outer = outerExpression(call);
  // `let lease = Lease { pinned: unsafe { Pin::new_unchecked(&mut job) }, .. };` holds it too.
  const literal = outer.parent?.type === 'field_initializer' ? outer.parent.parent?.parent : null;
  if (literal?.type === 'struct_expression') outer = outerExpression(literal);
  const statement = outer.parent;
  if (statement?.type !== 'let_declaration' || statement.child('value') !== outer) return null;
  const pattern = statement.child('pattern');
  const ident =
    pattern?.type === 'identifier'
      ? pattern
      : pattern?.namedChildren.find((c) => c.type === 'identifier');
  if (!ident) return null;
  const block = statement.parent;
  for (const use of block ? block.tree.ofTypeWithin(block, 'identifier') : []) {
    if (use.start <= statement.end || use.text !== ident.text) continue;
    const binding = facts.scopes.resolve(use);
    if (binding?.decl === statement) return binding;
  }
  return null;
}

/** How `use` moves the variable, or null when it does not. */
function moveOf(use: SyntaxNode, binding: Binding): string | null {
  const kind = useKind(use);
  if (kind === 'move') {
    const parent = outerExpression(use).parent;
    if (parent?.type === 'arguments') {
      const parts = callParts(parent.parent ?? parent);
      if (parts?.name === 'drop' || parts?.name === 'forget') return null;
      return `passing it by value to \`${parts?.name ?? 'a call'}\``;
    }
    if (parent?.type === 'let_declaration') return `\`${statementText(parent)}\``;
    if (parent?.type === 'return_expression' || parent?.type === 'block') return 'returning it';
    return `\`${statementText(parent ?? use)}\``;
  }
  if (kind === 'borrow-mut') {
    const borrow = outerExpression(use).parent;
    const args = borrow ? outerExpression(borrow).parent : null;
    const parts = args?.type === 'arguments' && args.parent ? callParts(args.parent) : null;
    if (parts && SWAPPERS.has(parts.name) && (parts.kind === 'fn' || parts.owner === 'mem')) {
      return `\`mem::${parts.name}\``;
    }
    return null;
  }
  if (kind === 'receiver') {
    const method = use.parent?.child('field')?.text;
    if (method === 'take' || method === 'replace') return `\`${binding.name}.${method}()\``;
    return null;
  }
  // A `move` closure takes the variable with it.
  const closure = closuresBetween(use, binding.scope).at(-1);
  if (closure?.type === 'closure_expression' && closure.hasAnonymous('move'))
    return 'capturing it in a `move` closure';
  return null;
}

function statementText(node: SyntaxNode): string {
  const text = unwrap(node).text.replace(/\s+/g, ' ').replace(/;$/, '');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

/** `Vec` methods that move (shift, swap or reallocate) its elements. */
const REORDERING = new Set([
  'swap',
  'swap_remove',
  'remove',
  'insert',
  'push',
  'extend',
  'append',
  'retain',
  'retain_mut',
  'sort',
  'sort_by',
  'sort_by_key',
  'sort_unstable',
  'reverse',
  'rotate_left',
  'rotate_right',
  'dedup',
  'drain',
  'pop',
  'reserve',
  'shrink_to_fit',
]);

/**
 * `x` or `x.a.b` (fields of a local): the root variable and the field names; `v[i]`: the root
 * `v`, with `element` set.
 */
function localPath(
  node: SyntaxNode,
): { root: SyntaxNode; fields: string[]; element: boolean } | null {
  const fields: string[] = [];
  let current = unwrap(node);
  if (current.type === 'index_expression') {
    const base = unwrap(current.namedChildren[0] ?? current);
    return base.type === 'identifier' ? { root: base, fields, element: true } : null;
  }
  while (current.type === 'field_expression') {
    fields.unshift(current.child('field')?.text ?? '');
    const value = current.child('value');
    if (!value) return null;
    current = unwrap(value);
  }
  return current.type === 'identifier' ? { root: current, fields, element: false } : null;
}

/**
 * For a use of the root variable: the expression that moves the pinned place — the variable
 * itself (moving the whole value), or the same field path (`x.fut`), or a prefix of it.
 */
function movedPlace(use: SyntaxNode, fields: string[]): SyntaxNode | null {
  let current = use;
  for (const field of fields) {
    const parent = current.parent;
    if (parent?.type !== 'field_expression' || parent.child('value') !== current) return current;
    if (parent.child('field')?.text !== field) return null;
    current = parent;
  }
  return current;
}

/** The `x.a.b` expression built on this use of `x`, when the path is exactly `fields`. */
function exactPlace(use: SyntaxNode, fields: string[]): SyntaxNode | null {
  let current = use;
  for (const field of fields) {
    const parent = current.parent;
    if (parent?.type !== 'field_expression' || parent.child('value') !== current) return null;
    if (parent.child('field')?.text !== field) return null;
    current = parent;
  }
  return current;
}

/**
 * For a local that borrows a vector element (`let fut = &mut v[i];`, or the `fut` of
 * `let (slot, fut) = &mut this.tasks[i];`): the element `v[i]` it points into.
 */
function borrowedElement(facts: Facts, arg: SyntaxNode): SyntaxNode | null {
  const inner = unwrap(arg);
  const binding = inner.type === 'identifier' ? facts.scopes.resolve(inner) : null;
  if (binding?.decl.type !== 'let_declaration') return null;
  const value = binding.decl.child('value');
  const element = value ? (mutBorrowTarget(value) ?? sharedBorrowTarget(value)) : null;
  return element && unwrap(element).type === 'index_expression' ? element : null;
}

/** A value stored in the variable itself (not behind a reference or a box). */
function isOwnedValue(ty: Ty): boolean {
  if (ty.k === 'ref' || ty.k === 'ptr') return false;
  return !(ty.k === 'path' && ['Box', 'Rc', 'Arc', 'Pin'].includes(ty.name));
}

function sharedBorrowTarget(arg: SyntaxNode): SyntaxNode | null {
  const inner = unwrap(arg);
  return inner.type === 'reference_expression' && !inner.childOfType('mutable_specifier')
    ? inner.child('value')
    : null;
}

/** `Rc::clone(&x)` / `Arc::clone(&x)` / `x.clone()` of an `Rc`/`Arc` variable: its binding. */
function sharedPointerTarget(facts: Facts, arg: SyntaxNode): Binding | null {
  const parts = callParts(unwrap(arg));
  if (!parts) return null;
  let source: SyntaxNode | null = null;
  if (parts.kind === 'path' && ['Rc', 'Arc'].includes(parts.owner) && parts.name === 'clone') {
    const first = parts.args[0];
    const inner = first ? unwrap(first) : null;
    source = inner?.type === 'reference_expression' ? inner.child('value') : null;
  } else if (parts.kind === 'method' && parts.name === 'clone' && parts.args.length === 0) {
    source = parts.receiver;
  }
  if (source?.type !== 'identifier') return null;
  const binding = facts.scopes.resolve(source);
  const ty = binding ? facts.bindingType(binding) : null;
  if (!binding || ty?.k !== 'path' || !['Rc', 'Arc'].includes(ty.name)) return null;
  const inner = ty.args[0];
  return inner && facts.unpin(inner, facts.envAt(arg)).value !== 'yes' ? binding : null;
}
