// A struct that stores a raw pointer to one of its own fields is self-referential: once the
// pointer is written, the value must never move. Writing it into a stack local and then returning
// the local, boxing it (`Box::pin(doc)`) or swapping it leaves the pointer dangling (undefined
// behaviour on the next dereference). Pin first, then write the pointer through the pin.
import {
  callParts,
  defineRule,
  derefTy,
  mutBorrowTarget,
  outerExpression,
  pinParts,
  tailOf,
  unwrap,
  useKind,
  type Facts,
  type SyntaxNode,
} from '../rule.js';

export default defineRule({
  id: 'self-pointer-moved',
  description:
    'a self-referential value (raw pointer to its own field) moved after the pointer was set',
  severity: 'unsound',
  rustc: null,
  topic: 'self-referential-structs',
  messages: {
    movedAfterInit: {
      message:
        "`{{value}}.{{pointer}}` points at `{{value}}`'s own field (set on line {{line}}), so `{{value}}` must stay where it is; {{how}} moves it and leaves `{{pointer}}` pointing at the old place. Dereferencing it later is undefined behaviour, and rustc gives no warning.",
      fix: 'Allocate and pin first, then set the pointer through the pin: `let mut {{value}} = Box::pin(..);` and `unsafe { {{value}}.as_mut().get_unchecked_mut().{{pointer}} = ..; }`, with a `PhantomPinned` field so it can never be moved out again.',
    },
    probablyMovedAfterInit: {
      message:
        "`{{value}}` is built with a null raw pointer `{{pointer}}`, and `{{value}}.{{method}}()` (not shown) probably points it at `{{value}}`'s own data; if so, {{how}} moves `{{value}}` and leaves `{{pointer}}` dangling (undefined behaviour, no warning from rustc).",
      fix: 'Put the value at its final address before setting the pointer (`Box::pin`, or push it first and initialise it in place), add a `PhantomPinned` field, and take `self: Pin<&mut Self>` in `{{method}}`.',
    },
    unpinnedMoveOut: {
      message:
        '`{{type}}` holds a pointer to its own field, but it is `Unpin` (no `PhantomPinned`), so the pin does not keep it in place: {{how}} moves the value out of its pinned home and the self-pointer still points at the old place. Dereferencing it afterwards is undefined behaviour; rustc gives no warning.',
      fix: 'Add a `_pin: PhantomPinned` field so that `{{type}}` is `!Unpin`: then `Pin::into_inner`, `get_mut` and `DerefMut` refuse to compile, and the value can only be used in place.',
    },
    swappedWhileUnpin: {
      message:
        '`{{value}}` holds a pointer to its own field, but its type is `Unpin` (no `PhantomPinned`), so the pin does not stop this move: {{how}} swaps the pointee and the self-pointer now points into the other value. Undefined behaviour once the old value is gone.',
      fix: 'Add a `_pin: PhantomPinned` field so the type is `!Unpin`; then `Pin` refuses `&mut` access and the swap does not compile.',
    },
  },
  query: '(assignment_expression left: (field_expression) @target right: (_) @value) @assign',
  check(context) {
    const { facts } = context;
    const seen = new Set<unknown>();
    for (const match of context.matches) {
      const target = match.node('target');
      const value = match.node('value');
      const assign = match.node('assign');
      if (!target || !value || !assign) continue;
      const pointer = target.child('field')?.text;
      const root = rootVariable(target.child('value'));
      const pointee = addressedField(facts, value);
      if (!pointer || !root || !pointee || pointee.root.text !== root.text) continue;
      if (!looksLikeRawPointer(facts, target, value, pointer)) continue;
      const binding = facts.scopes.resolve(root);
      if (!binding || seen.has(binding)) continue;
      // A variable that owns the value through a Box or Pin<Box> can move freely: the heap value stays.
      const holder = facts.bindingType(binding);
      if (
        holder.k === 'ref' ||
        pinParts(holder) ||
        (holder.k === 'path' && ['Box', 'Rc', 'Arc'].includes(holder.name))
      ) {
        continue;
      }
      for (const use of facts.scopes.usesOf(binding)) {
        if (use.start <= assign.end) continue;
        const how = moveOf(use);
        if (!how) continue;
        seen.add(binding);
        context.report({
          node: use,
          messageId: 'movedAfterInit',
          data: { value: binding.name, pointer, line: String(assign.line), how },
        });
        break;
      }
    }
    // `x.init()` where `init(&mut self)` writes `self.p = &self.f`, then `x` moves.
    const initializers = selfPointerInitializers(facts);
    for (const [method, init] of initializers) {
      for (const call of context.tree.ofType('call_expression')) {
        const parts = callParts(call);
        const receiver = parts?.kind === 'method' && parts.name === method ? parts.receiver : null;
        if (receiver?.type !== 'identifier') continue;
        const binding = facts.scopes.resolve(receiver);
        if (!binding || seen.has(binding)) continue;
        const holder = facts.bindingType(binding);
        // A constructor the snippet does not show (`Frame::blank()`) still names the type.
        const owner =
          holder.k === 'path'
            ? holder.name
            : binding.value && callParts(unwrap(binding.value))?.owner === init.type
              ? init.type
              : null;
        if (owner !== init.type) continue;
        for (const use of facts.scopes.usesOf(binding)) {
          if (use.start <= call.end) continue;
          const how = moveOf(use);
          if (!how) continue;
          seen.add(binding);
          context.report({
            node: use,
            messageId: 'movedAfterInit',
            data: { value: binding.name, pointer: init.pointer, line: String(call.line), how },
          });
          break;
        }
      }
    }
    // A fragment: `let mut x = T { p: ptr::null_mut(), .. }; x.init(); v.push(x);` with `T` and
    // `init` not shown.
    for (const literal of context.tree.ofType('struct_expression')) {
      const typeName = literal.child('name')?.text ?? '';
      if (facts.types.get(typeName)?.node.type === 'struct_item') continue;
      const pointer = nullPointerField(literal);
      const statement = literal.parent;
      if (!pointer || statement?.type !== 'let_declaration' || statement.child('value') !== literal)
        continue;
      const ident = statement.child('pattern');
      const name =
        ident?.type === 'identifier'
          ? ident
          : ident?.namedChildren.find((c) => c.type === 'identifier');
      const use = name
        ? context.tree
            .ofTypeWithin(statement.parent ?? statement, 'identifier')
            .find((n) => n.start > statement.end && n.text === name.text)
        : undefined;
      const binding = use ? facts.scopes.resolve(use) : null;
      if (!binding || binding.decl !== statement || seen.has(binding)) continue;
      const uses = facts.scopes.usesOf(binding);
      const init = uses.find((u) => {
        const call = u.parent?.parent;
        const method = u.parent?.child('field')?.text ?? '';
        return (
          useKind(u) === 'receiver' &&
          call?.type === 'call_expression' &&
          call.child('arguments')?.namedChildren.length === 0 &&
          facts.fnsNamed(method).length === 0
        );
      });
      if (!init) continue;
      const moved = uses.find((u) => u.start > init.end && moveOf(u) !== null);
      if (!moved) continue;
      seen.add(binding);
      context.report({
        node: moved,
        messageId: 'probablyMovedAfterInit',
        data: {
          value: binding.name,
          pointer,
          method: init.parent?.child('field')?.text ?? 'init',
          how: moveOf(moved) ?? 'this',
        },
      });
    }
    const selfReferential = selfReferentialTypes(context.root, facts);
    reportUnpinSwaps(context.root, facts, selfReferential, (node, value, how, type) => {
      if (how === '`mem::swap`')
        context.report({ node, messageId: 'swappedWhileUnpin', data: { value, how } });
      else context.report({ node, messageId: 'unpinnedMoveOut', data: { type, how } });
    });
    reportUnboxedMoves(context.root, facts, selfReferential, (node, type, how) => {
      context.report({ node, messageId: 'unpinnedMoveOut', data: { type, how } });
    });
  },
});

/** The variable a place starts from: `doc` in `doc.a.b`, `boxed` in `boxed.as_mut().get_unchecked_mut()`. */
function rootVariable(node: SyntaxNode | null): SyntaxNode | null {
  let current = node ? unwrap(node) : null;
  for (let guard = 0; current && guard < 8; guard++) {
    if (current.type === 'identifier' || current.type === 'self') return current;
    if (current.type === 'field_expression') current = current.child('value');
    else if (current.type === 'call_expression') current = current.child('function');
    else if (current.type === 'unary_expression') current = current.namedChildren[0] ?? null;
    else return null;
    current = current ? unwrap(current) : null;
  }
  return null;
}

/**
 * For `&x.f`, `&x.f as *const _`, `addr_of!(x.f)`, `&x.buf[0]`, `x.buf[..n].as_ptr()` (or a variable
 * holding one): x and f. Pointers into an element or through `as_ptr` point into the struct itself
 * only when the field is an array; a `Vec`'s or `String`'s buffer is on the heap and does not move.
 */
function addressedField(
  facts: Facts,
  value: SyntaxNode,
  depth = 0,
): { root: SyntaxNode; field: string } | null {
  if (depth > 3) return null;
  let current = unwrap(value);
  if (current.type === 'type_cast_expression') current = unwrap(current.child('value') ?? current);
  if (current.type === 'reference_expression') {
    let inner = unwrap(current.child('value') ?? current);
    let indexed = false;
    while (inner.type === 'index_expression') {
      indexed = true;
      inner = unwrap(inner.namedChildren[0] ?? inner);
    }
    if (inner.type !== 'field_expression') return null;
    const root = rootVariable(inner);
    if (!root || (indexed && facts.typeOf(inner).k !== 'array')) return null;
    return { root, field: inner.child('field')?.text ?? '' };
  }
  if (current.type === 'macro_invocation') {
    const tokens = current.childOfType('token_tree')?.namedChildren ?? [];
    const first = tokens[0];
    return first?.type === 'identifier' && tokens.length >= 2
      ? { root: first, field: tokens[1]?.text ?? '' }
      : null;
  }
  const parts = callParts(current);
  if (
    parts?.kind === 'method' &&
    (parts.name === 'as_ptr' || parts.name === 'as_mut_ptr') &&
    parts.receiver
  ) {
    // `x.buf.as_ptr()`, or of a slice of it: `x.buf[..4].as_ptr()`.
    let receiver = unwrap(parts.receiver);
    while (receiver.type === 'index_expression')
      receiver = unwrap(receiver.namedChildren[0] ?? receiver);
    const root = receiver.type === 'field_expression' ? rootVariable(receiver) : null;
    if (!root || facts.typeOf(receiver).k !== 'array') return null;
    return { root, field: receiver.child('field')?.text ?? '' };
  }
  if (current.type === 'identifier') {
    const binding = facts.scopes.resolve(current);
    if (binding?.kind === 'let' && binding.value)
      return addressedField(facts, binding.value, depth + 1);
  }
  return null;
}

/** The field holds a raw pointer: declared `*const`/`*mut`, initialised with `ptr::null()`, or cast. */
function looksLikeRawPointer(
  facts: Facts,
  target: SyntaxNode,
  value: SyntaxNode,
  field: string,
): boolean {
  const base = target.child('value');
  if (base) {
    const ty = facts.typeOf(target);
    if (ty.k === 'ptr') return true;
    if (ty.k === 'ref' || (ty.k === 'path' && ty.name !== 'Option')) return false;
  }
  const text = unwrap(value);
  if (text.type === 'type_cast_expression' || text.type === 'macro_invocation') return true;
  // In a fragment without the struct: the literal that built the value says `field: ptr::null()`.
  for (const init of facts.tree.ofType('field_initializer')) {
    if (init.child('field')?.text !== field) continue;
    const initValue = init.child('value');
    const parts = initValue ? callParts(unwrap(initValue)) : null;
    if (parts && (parts.name === 'null' || parts.name === 'null_mut' || parts.name === 'dangling'))
      return true;
  }
  return false;
}

function moveOf(use: SyntaxNode): string | null {
  const kind = useKind(use);
  if (kind === 'move') {
    const parent = outerExpression(use).parent;
    if (parent?.type === 'arguments') {
      const parts = parent.parent ? callParts(parent.parent) : null;
      if (parts?.name === 'drop' || parts?.name === 'forget') return null;
      return parts?.owner
        ? `\`${parts.owner}::${parts.name}(${use.text})\``
        : `passing it to \`${parts?.name ?? 'a call'}\``;
    }
    if (parent?.type === 'block' || parent?.type === 'return_expression') return 'returning it';
    if (parent?.type === 'let_declaration') return `\`let .. = ${use.text}\``;
    return 'this use';
  }
  if (kind === 'borrow-mut') {
    const borrow = outerExpression(use).parent;
    const args = borrow?.parent;
    const parts = args?.type === 'arguments' && args.parent ? callParts(args.parent) : null;
    if (parts && ['swap', 'replace', 'take'].includes(parts.name)) return `\`mem::${parts.name}\``;
  }
  return null;
}

/** The types the snippet points into themselves (a method writes `self.p = &self.f`, or `x.p = &x.f`). */
function selfReferentialTypes(root: SyntaxNode, facts: Facts): Set<string> {
  const selfReferential = new Set<string>();
  for (const assign of root.descendants(['assignment_expression'])) {
    const left = assign.child('left');
    const right = assign.child('right');
    if (left?.type !== 'field_expression' || !right) continue;
    const base = left.child('value');
    const pointee = addressedField(facts, right);
    if (!base || !pointee) continue;
    if (isSelfPlace(facts, base) && isSelfPlace(facts, pointee.root)) {
      if (rootVariable(base)?.text !== pointee.root.text && base.type !== 'self') continue;
      const impl = facts.implAt(assign);
      if (impl?.typeName) selfReferential.add(impl.typeName);
      continue;
    }
    // `boxed.p = &boxed.f` on a local (a pin of an `Unpin` type lets plain `DerefMut` do this).
    const root = rootVariable(base);
    if (
      root?.type === 'identifier' &&
      root.text === pointee.root.text &&
      facts.typeOf(left).k === 'ptr'
    ) {
      const owner = facts.ownerTypeName(root);
      if (owner) selfReferential.add(owner);
    }
  }
  return selfReferential;
}

/**
 * `mem::swap(&mut *a, &mut *b)` / `mem::replace(a.get_mut(), ..)` / `mem::take(&mut *a)` on pins
 * of an `Unpin` type that points into itself.
 */
function reportUnpinSwaps(
  root: SyntaxNode,
  facts: Facts,
  selfReferential: ReadonlySet<string>,
  report: (node: SyntaxNode, value: string, how: string, type: string) => void,
): void {
  if (selfReferential.size === 0) return;
  for (const call of root.descendants(['call_expression'])) {
    const parts = callParts(call);
    if (!parts || !['swap', 'replace', 'take'].includes(parts.name)) continue;
    if (parts.kind !== 'fn' && parts.owner !== 'mem') continue;
    for (const arg of parts.args.slice(0, parts.name === 'swap' ? 2 : 1)) {
      const pinned = pinnedOperand(facts, mutBorrowTarget(arg) ?? arg);
      const type = pinned ? unpinSelfReferential(facts, selfReferential, pinned) : null;
      if (!pinned || !type) continue;
      report(call, pinned.text, `\`mem::${parts.name}\``, type);
      break;
    }
  }
}

/**
 * `*Pin::into_inner(p)` (or `*b` with `b` holding it) used by value, where `p` pins an `Unpin`
 * type that points into itself: the value leaves the box its self-pointer points into.
 */
function reportUnboxedMoves(
  root: SyntaxNode,
  facts: Facts,
  selfReferential: ReadonlySet<string>,
  report: (node: SyntaxNode, type: string, how: string) => void,
): void {
  if (selfReferential.size === 0) return;
  for (const deref of root.descendants(['unary_expression'])) {
    if (!deref.hasAnonymous('*')) continue;
    const operand = deref.namedChildren[0];
    const pinned = operand ? intoInnerArgument(facts, operand) : null;
    if (!pinned || pinParts(facts.typeOf(pinned))?.pointer !== 'box') continue;
    const type = unpinSelfReferential(facts, selfReferential, pinned);
    if (!type || !usedByValue(deref) || freshlyPinned(facts, pinned)) continue;
    report(deref, type, `\`${deref.text}\``);
  }
}

/**
 * True for a local pinned on the spot (`let p = Box::pin(T::new())`) and unpinned again before any
 * other use: nothing can have pointed it into itself in between.
 */
function freshlyPinned(facts: Facts, pinned: SyntaxNode): boolean {
  const inner = unwrap(pinned);
  const binding = inner.type === 'identifier' ? facts.scopes.resolve(inner) : null;
  if (binding?.kind !== 'let' || !binding.value) return false;
  const parts = callParts(unwrap(binding.value));
  if (parts?.owner !== 'Box' || parts.name !== 'pin') return false;
  return !facts.scopes.usesOf(binding).some((use) => use.start < inner.start);
}

/** For `Pin::into_inner(p)`, or a variable initialised with it: `p`. */
function intoInnerArgument(facts: Facts, node: SyntaxNode): SyntaxNode | null {
  let inner = unwrap(node);
  if (inner.type === 'identifier') {
    const binding = facts.scopes.resolve(inner);
    if (binding?.kind !== 'let' || !binding.value) return null;
    inner = unwrap(binding.value);
  }
  const parts = callParts(inner);
  return parts?.kind === 'path' && parts.owner === 'Pin' && parts.name === 'into_inner'
    ? (parts.args[0] ?? null)
    : null;
}

/** True when an expression's value is moved (bound, passed, returned, stored), not borrowed or read. */
function usedByValue(node: SyntaxNode): boolean {
  const outer = outerExpression(node);
  const parent = outer.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'let_declaration':
      return parent.child('value') === outer;
    case 'assignment_expression':
      return parent.child('right') === outer;
    case 'arguments':
    case 'return_expression':
    case 'field_initializer':
    case 'array_expression':
    case 'tuple_expression':
      return true;
    case 'block':
      return tailOf(parent) === outer;
    default:
      return false;
  }
}

/** The name of the pinned type when it points into itself and is surely `Unpin`. */
function unpinSelfReferential(
  facts: Facts,
  selfReferential: ReadonlySet<string>,
  pinned: SyntaxNode,
): string | null {
  let target = derefTy(facts.typeOf(pinned));
  if (target.k === 'path' && target.name === 'Self') target = facts.envAt(pinned).self ?? target;
  if (target.k !== 'path' || !selfReferential.has(target.name)) return null;
  return facts.unpin(target, facts.envAt(pinned)).value === 'yes' ? target.name : null;
}

/** `*a`, `a.get_mut()` / `a.as_mut().get_mut()` or `Pin::get_mut(a)` where `a` is a pin: `a`. */
function pinnedOperand(facts: Facts, place: SyntaxNode): SyntaxNode | null {
  const inner = unwrap(place);
  let candidate: SyntaxNode | null = null;
  if (inner.type === 'unary_expression' && inner.hasAnonymous('*'))
    candidate = inner.namedChildren[0] ?? null;
  const parts = callParts(inner);
  if (parts?.name === 'get_mut' && parts.receiver) candidate = parts.receiver;
  if (
    parts?.kind === 'path' &&
    parts.owner === 'Pin' &&
    (parts.name === 'get_mut' || parts.name === 'into_inner')
  )
    candidate = parts.args[0] ?? null;
  if (!candidate) return null;
  let root = unwrap(candidate);
  const rootParts = callParts(root);
  if (rootParts?.name === 'as_mut' && rootParts.receiver) root = unwrap(rootParts.receiver);
  return pinParts(facts.typeOf(root)) ? root : null;
}

/** `self`, or a variable holding `self.get_mut()` / `self.get_unchecked_mut()`. */
function isSelfPlace(facts: Facts, node: SyntaxNode): boolean {
  const inner = unwrap(node);
  if (inner.type === 'self') return true;
  if (inner.type !== 'identifier') return false;
  const binding = facts.scopes.resolve(inner);
  const value = binding?.kind === 'let' ? binding.value : null;
  return value !== null && rootVariable(value)?.type === 'self';
}

/** Methods taking `&mut self` that point a raw-pointer field of `self` at another field of `self`. */
function selfPointerInitializers(facts: Facts): Map<string, { type: string; pointer: string }> {
  const out = new Map<string, { type: string; pointer: string }>();
  for (const fn of facts.fns) {
    if (fn.receiver !== 'mut' || !fn.body || !fn.impl?.typeName) continue;
    for (const assign of fn.body.descendants(['assignment_expression'])) {
      const left = assign.child('left');
      const right = assign.child('right');
      if (left?.type !== 'field_expression' || left.child('value')?.type !== 'self' || !right)
        continue;
      const pointee = addressedField(facts, right);
      const pointer = left.child('field')?.text;
      if (pointee?.root.type !== 'self' || !pointer) continue;
      if (facts.typeOf(left).k !== 'ptr') continue;
      out.set(fn.name, { type: fn.impl.typeName, pointer });
    }
  }
  return out;
}

/** The field a struct literal initialises with `ptr::null()` / `null_mut()`. */
function nullPointerField(literal: SyntaxNode): string | null {
  for (const init of literal.child('body')?.namedChildren ?? []) {
    if (init.type !== 'field_initializer') continue;
    const value = init.child('value');
    const parts = value ? callParts(unwrap(value)) : null;
    if (parts && (parts.name === 'null' || parts.name === 'null_mut'))
      return init.child('field')?.text ?? null;
  }
  return null;
}
