// `struct Line<'a> { raw: String, key: &'a str }` with `key` borrowing from `raw` of the same value:
// the borrow checker rejects every way of building or moving such a value (E0515, E0505, E0597,
// E0502, or "lifetime may not live long enough" without a code). Store an index or range instead,
// or use a crate made for it (self_cell, ouroboros).
import {
  callParts,
  defineRule,
  loopAround,
  mutBorrowTarget,
  outerExpression,
  unwrap,
  useKind,
  type Binding,
  type Facts,
  type SyntaxNode,
  type TypeItem,
} from '../rule.js';

const MUTATING = new Set([
  'push',
  'push_str',
  'insert',
  'clear',
  'truncate',
  'remove',
  'extend',
  'retain',
  'sort',
  'drain',
  'pop',
  'append',
]);

/** Methods that store their arguments in the collection they are called on. */
const STORING = new Set(['insert', 'push', 'push_back', 'push_front', 'extend', 'entry']);

export default defineRule({
  id: 'self-borrowing-struct',
  description: 'a struct whose reference field borrows from its own owned field',
  severity: 'error',
  rustc: 'E0505',
  topic: 'self-referential-structs',
  messages: {
    returnsSelfBorrow: {
      message:
        '`{{type}}.{{ref}}` would borrow from `{{owner}}`, which is moved into the same `{{type}}`: the value returned here references data owned by this function (E0515), and `{{owner}}` cannot move while it is borrowed (E0505). A struct cannot hold a reference into itself.',
      fix: 'Store where the data is instead of a reference (for example `{{ref}}_range: std::ops::Range<usize>` and a method that returns `&self.{{owner}}[self.{{ref}}_range.clone()]`), or use the self_cell / ouroboros crate.',
      rustc: 'E0515',
    },
    movedWhileBorrowed: {
      message:
        '`{{value}}.{{ref}}` borrows from `{{value}}.{{owner}}`, so `{{value}}` borrows itself and cannot be moved afterwards (E0505): moving it would leave `{{ref}}` pointing at the old place.',
      fix: 'Keep an index or range into `{{owner}}` instead of a reference (computed on demand by a method), or use the self_cell / ouroboros crate.',
      rustc: 'E0505',
    },
    ownerMovedFirst: {
      message:
        '`{{owner}}` is moved into the `{{type}}` literal before `{{ref}}` borrows it (E0382), and a struct cannot hold a reference into its own field anyway.',
      fix: 'Store an index or range into `{{owner}}` instead of a reference, or use the self_cell / ouroboros crate.',
      rustc: 'E0382',
    },
    outlivesOwner: {
      message:
        "`{{value}}.{{ref}}` borrows `{{value}}.{{owner}}`, a local that does not live as long as `{{type}}`'s lifetime requires once `{{value}}` is stored elsewhere (E0597).",
      fix: 'Keep an index or range instead of the reference, so the struct owns everything it points at.',
      rustc: 'E0597',
    },
    mutatedWhileBorrowed: {
      message:
        '`{{value}}.{{ref}}` borrows `{{value}}.{{owner}}`, so changing `{{value}}.{{owner}}` here while that borrow is still used is rejected (E0502).',
      fix: 'Store an index instead of a reference (recompute the reference when needed), or finish changing `{{owner}}` before taking the reference.',
      rustc: 'E0502',
    },
    lentAndBorrowed: {
      message:
        '`&mut {{value}}` and `&{{value}}.{{owner}}` are passed to the same call: `{{value}}` is already lent out mutably, so borrowing its field as well is rejected (E0502). Filling `{{value}}.{{ref}}` from `{{value}}.{{owner}}` would make `{{value}}` borrow itself anyway.',
      fix: 'Keep the text outside the struct that borrows it (a separate owner that lives longer), or store indices or ranges into `{{owner}}` instead of references.',
      rustc: 'E0502',
    },
    borrowedForeverMut: {
      message:
        '`{{method}}` takes `&{{lifetime}} mut self`, so calling it borrows `{{value}}` mutably for the whole lifetime `{{lifetime}}` of `{{type}}`: `{{value}}` stays borrowed and cannot be borrowed mutably again here (E0499).',
      fix: "Take `&mut self` (without `{{lifetime}}`) and store an index or range instead of a reference into the struct's own field.",
      rustc: 'E0499',
    },
    borrowedForever: {
      message:
        '`{{method}}` takes `&{{lifetime}} mut self`, so calling it borrows `{{value}}` mutably for the whole lifetime `{{lifetime}}` of `{{type}}`: `{{value}}` cannot be used again here (E0502).',
      fix: "Take `&mut self` (without `{{lifetime}}`) and store an index or range instead of a reference into the struct's own field.",
      rustc: 'E0502',
    },
    lifetimeTooShort: {
      message:
        '`self.{{ref}}` has the struct\'s lifetime `{{lifetime}}`, but `self.{{owner}}` is only borrowed for this method call, so rustc says "lifetime may not live long enough" (no error code). A struct cannot borrow from its own field.',
      fix: 'Store an index into `self.{{owner}}` (for example `Option<usize>`) and return `&self.{{owner}}[i]` from a getter.',
      rustc: null,
    },
  },
  check(context) {
    const { facts } = context;
    const targets = [...facts.types.values()].filter(
      (item) => refFields(item).length > 0 && ownedFields(item).length > 0,
    );
    if (targets.length === 0) return;
    const byName = new Map(targets.map((item) => [item.name, item]));
    for (const literal of context.tree.ofType('struct_expression')) {
      const written = literal.child('name')?.text ?? '';
      const item = byName.get(
        written === 'Self' ? (facts.implAt(literal)?.typeName ?? '') : written,
      );
      if (item) checkLiteral(literal, item);
    }
    for (const assign of context.tree.ofType('assignment_expression')) {
      const left = assign.child('left');
      const right = assign.child('right');
      if (left?.type !== 'field_expression' || !right) continue;
      const base = left.child('value');
      const field = left.child('field')?.text ?? '';
      if (!base) continue;
      const item = itemOf(facts, base, byName);
      if (!item || !refFields(item).includes(field)) continue;
      const owner = borrowedOwner(facts, right, base, item);
      if (!owner) continue;
      if (base.type === 'self') checkSelfMethod(assign, item, field, owner);
      else if (base.type === 'identifier') checkLocal(assign, base, item, field, owner);
    }
    // `x.refs.insert(k, v)` / `x.refs.push(r)` with `k`, `v`, `r` borrowed from `x.owner`: the
    // same self-borrow as `x.r = &x.owner[..]`, made through a collection of references.
    for (const call of context.tree.ofType('call_expression')) {
      const parts = callParts(call);
      if (parts?.kind !== 'method' || !STORING.has(parts.name)) continue;
      const place = parts.receiver ? unwrap(parts.receiver) : null;
      if (place?.type !== 'field_expression') continue;
      const base = place.child('value');
      const field = place.child('field')?.text ?? '';
      if (base?.type !== 'identifier') continue;
      const item = itemOf(facts, base, byName);
      if (!item || !refFields(item).includes(field)) continue;
      const owner = parts.args
        .map((arg) => borrowedOwner(facts, arg, base, item))
        .find((found) => found !== null);
      if (owner) checkLocal(call, base, item, field, owner);
    }

    // `fill(&mut x, &x.text)`: the same value lent mutably and borrowed in one call.
    for (const call of context.tree.ofType('call_expression')) {
      const args = callParts(call)?.args ?? [];
      for (const lent of args) {
        const place = mutBorrowTarget(lent);
        if (place?.type !== 'identifier') continue;
        const item = itemOf(facts, place, byName);
        const borrowed = item ? sharedFieldBorrow(args, place.text, ownedFields(item)) : null;
        if (!item || !borrowed) continue;
        context.report({
          node: borrowed.node,
          messageId: 'lentAndBorrowed',
          data: { value: place.text, owner: borrowed.field, ref: refFields(item)[0] ?? 'ref' },
        });
      }
    }

    // Methods taking `&'a mut self` with the struct's own lifetime: a call borrows the value forever.
    for (const fn of facts.fns) {
      const selfParam = fn.node.child('parameters')?.namedChildren[0];
      const lifetime =
        selfParam?.type === 'self_parameter' ? selfParam.childOfType('lifetime')?.text : undefined;
      const item = fn.impl?.typeName ? byName.get(fn.impl.typeName) : undefined;
      if (
        !lifetime ||
        !item?.lifetimes.includes(lifetime) ||
        !selfParam?.childOfType('mutable_specifier')
      )
        continue;
      for (const call of context.tree.ofType('call_expression')) {
        const parts = callParts(call);
        if (
          parts?.kind !== 'method' ||
          parts.name !== fn.name ||
          parts.receiver?.type !== 'identifier'
        )
          continue;
        const binding = facts.scopes.resolve(parts.receiver);
        if (!binding || binding.kind === 'self') continue;
        const later = facts.scopes.usesOf(binding).find((use) => use.start > call.end);
        if (!later) continue;
        const data = { method: fn.name, lifetime, value: binding.name, type: item.name };
        context.report({
          node: later,
          messageId: mutableUse(facts, later) ? 'borrowedForeverMut' : 'borrowedForever',
          data,
        });
      }
    }

    function checkLiteral(literal: SyntaxNode, item: TypeItem): void {
      const inits = literal.child('body')?.namedChildren ?? [];
      const owned = ownedFields(item);
      const refs = refFields(item);
      for (const init of inits) {
        const name = fieldName(init);
        if (!name || !owned.includes(name)) continue;
        const value = fieldValue(init);
        if (value?.type !== 'identifier') continue;
        const ownerBinding = facts.scopes.resolve(value);
        if (!ownerBinding) continue;
        for (const refInit of inits) {
          const refName = fieldName(refInit);
          const refValue = fieldValue(refInit);
          if (!refName || !refs.includes(refName) || !refValue) continue;
          if (!borrowsVariable(facts, refValue, ownerBinding.name)) continue;
          const data = { type: item.name, ref: refName, owner: name, value: value.text };
          if (isReturned(literal)) {
            context.report({ node: literal, messageId: 'returnsSelfBorrow', data });
          } else if (init.start < refInit.start && refValue.type !== 'identifier') {
            context.report({ node: refValue, messageId: 'ownerMovedFirst', data });
          } else {
            context.report({ node: value, messageId: 'movedWhileBorrowed', data });
          }
          return;
        }
      }
    }

    function checkSelfMethod(assign: SyntaxNode, item: TypeItem, ref: string, owner: string): void {
      const fn = facts.fnAt(assign);
      const selfParam = fn?.node.child('parameters')?.namedChildren[0];
      if (selfParam?.type !== 'self_parameter' || selfParam.childOfType('lifetime')) return;
      context.report({
        node: assign,
        messageId: 'lifetimeTooShort',
        data: { ref, owner, lifetime: item.lifetimes[0] ?? "'a" },
      });
    }

    function checkLocal(
      assign: SyntaxNode,
      base: SyntaxNode,
      item: TypeItem,
      ref: string,
      owner: string,
    ): void {
      const binding = facts.scopes.resolve(base);
      if (!binding || binding.kind === 'self') return;
      const data = { type: item.name, ref, owner, value: binding.name };
      // In a loop the borrow taken on one pass is still held on the next: a change of the owner
      // earlier in the loop body comes after it (E0502 at that change).
      const loop = loopAround(assign, binding.scope);
      if (loop && !binding.decl.within(loop) && !leavesLoopAfter(assign, loop)) {
        const before = facts.scopes
          .usesOf(binding)
          .find((use) => use.within(loop) && use.end <= assign.start && mutatingCall(use, owner));
        const call = before ? mutatingCall(before, owner) : null;
        if (call) {
          context.report({ node: call, messageId: 'mutatedWhileBorrowed', data });
          return;
        }
      }
      const uses = facts.scopes.usesOf(binding).filter((use) => use.start > assign.end);
      for (const use of uses) {
        const kind = useKind(use);
        if (kind === 'move') {
          const args = outerExpression(use).parent;
          const call = args?.type === 'arguments' ? args.parent : null;
          const parts = call ? callParts(call) : null;
          if (
            parts?.kind === 'method' &&
            parts.receiver &&
            storedOutside(facts, parts.receiver, binding)
          ) {
            context.report({
              node: assign.child('right') ?? assign,
              messageId: 'outlivesOwner',
              data,
            });
          } else {
            context.report({ node: use, messageId: 'movedWhileBorrowed', data });
          }
          return;
        }
        const call = mutatingCall(use, owner);
        if (call && uses.some((other) => other.start > call.end)) {
          context.report({ node: call, messageId: 'mutatedWhileBorrowed', data });
          return;
        }
      }
    }
  },
});

/** For a use `x` in `x.owner.push(..)` (a mutating method on the owned field): that call. */
function mutatingCall(use: SyntaxNode, owner: string): SyntaxNode | null {
  if (useKind(use) !== 'field' || use.parent?.child('field')?.text !== owner) return null;
  const callee = use.parent.parent;
  const call =
    callee?.type === 'field_expression' && callee.parent?.type === 'call_expression'
      ? callee.parent
      : null;
  const parts = call ? callParts(call) : null;
  return parts?.kind === 'method' && MUTATING.has(parts.name) ? call : null;
}

/** True when the loop body leaves the loop (`break`/`return`) after `node`: no next pass. */
function leavesLoopAfter(node: SyntaxNode, loop: SyntaxNode): boolean {
  const body = loop.child('body');
  if (!body) return true;
  return body
    .descendants(['break_expression', 'return_expression'])
    .some(
      (exit) =>
        exit.start > node.end &&
        (exit.type === 'return_expression' ||
          exit.closest([
            'loop_expression',
            'while_expression',
            'for_expression',
            'closure_expression',
          ]) === loop),
    );
}

/** Fields whose type mentions one of the struct's lifetimes. */
function refFields(item: TypeItem): string[] {
  if (item.lifetimes.length === 0) return [];
  return item.fields
    .filter((field) => {
      const text = fieldTypeText(field.node);
      return item.lifetimes.some((lifetime) => text.includes(lifetime));
    })
    .map((field) => field.name);
}

/** A field's written type: `name: Type`, or the type itself in a tuple struct (`Csv(String, ..)`). */
function fieldTypeText(node: SyntaxNode): string {
  return node.type === 'field_declaration' ? (node.child('type')?.text ?? '') : node.text;
}

/** Fields that own heap data (no reference, not a plain number). */
function ownedFields(item: TypeItem): string[] {
  return item.fields
    .filter((field) => {
      const text = fieldTypeText(field.node);
      if (text.includes('&') || text.includes("'")) return false;
      return (
        field.ty.k === 'path' &&
        ['String', 'Vec', 'Box', 'PathBuf', 'HashMap', 'BTreeMap', 'VecDeque', 'OsString'].includes(
          field.ty.name,
        )
      );
    })
    .map((field) => field.name);
}

function fieldName(init: SyntaxNode): string | null {
  if (init.type === 'shorthand_field_initializer') return init.text;
  if (init.type === 'field_initializer') return init.child('field')?.text ?? null;
  return null;
}

function fieldValue(init: SyntaxNode): SyntaxNode | null {
  if (init.type === 'shorthand_field_initializer') return init.namedChildren[0] ?? null;
  return init.child('value');
}

/** The nodes along an expression's receiver chain: `&a.b[..].c().d()` -> .., `a.b`, `a`. */
function spine(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let current: SyntaxNode | null = unwrap(node);
  for (let guard = 0; current && guard < 12; guard++) {
    out.push(current);
    if (current.type === 'reference_expression') current = current.child('value');
    else if (current.type === 'index_expression') current = current.namedChildren[0] ?? null;
    else if (current.type === 'field_expression') current = current.child('value');
    else if (current.type === 'try_expression') current = current.namedChildren[0] ?? null;
    else if (current.type === 'call_expression') {
      const fn = current.child('function');
      if (fn?.type === 'field_expression') current = fn.child('value');
      else if (fn?.text === 'Some') current = current.child('arguments')?.namedChildren[0] ?? null;
      else current = null;
    } else current = null;
    current = current ? unwrap(current) : null;
  }
  return out;
}

/** Among `args`, a `&x.f` (shared) of one of the owned `fields` of the variable `name`. */
function sharedFieldBorrow(
  args: readonly SyntaxNode[],
  name: string,
  fields: readonly string[],
): { node: SyntaxNode; field: string } | null {
  for (const arg of args) {
    const inner = unwrap(arg);
    if (inner.type !== 'reference_expression' || inner.childOfType('mutable_specifier')) continue;
    const place = unwrap(inner.child('value') ?? inner);
    const field = place.type === 'field_expression' ? place.child('field')?.text : undefined;
    if (field && fields.includes(field) && place.child('value')?.text === name) {
      return { node: inner, field };
    }
  }
  return null;
}

/** Methods whose result owns its data: a value made with them borrows nothing. */
const OWNING = new Set(['clone', 'to_string', 'to_owned', 'to_vec', 'len', 'count', 'into_owned']);

/**
 * True when `value` borrows from the variable `name`: directly (`&raw[..]`, `raw.lines()`), or
 * through locals that hold such borrows: a `let` or a later assignment, a pattern taking a borrow
 * apart (`for line in raw.lines()`), or a collection the borrows are stored in (`map.insert(k, v)`,
 * `map.entry(k).or_default().push(v)`).
 */
function borrowsVariable(facts: Facts, value: SyntaxNode, name: string, depth = 0): boolean {
  if (depth < 4 && returnsBorrowOf(facts, unwrap(value), name, depth)) return true;
  const chain = spine(value);
  if (chain.some((node) => OWNING.has(callParts(node)?.name ?? ''))) return false;
  const last = chain.at(-1);
  if (last?.type !== 'identifier') return false;
  if (last.text === name) return chain.length > 1;
  if (depth >= 4) return false;
  const binding = facts.scopes.resolve(last);
  if (!binding || binding.kind === 'self') return false;
  return sourcesOf(facts, binding).some((source) =>
    borrowsVariable(facts, source, name, depth + 1),
  );
}

/**
 * `parse(&text)` where the snippet's `fn parse(text: &str) -> HashMap<&str, ..>` returns
 * references: by lifetime elision the result borrows what the arguments borrow.
 */
function returnsBorrowOf(facts: Facts, call: SyntaxNode, name: string, depth: number): boolean {
  const parts = callParts(call);
  if (parts?.kind !== 'fn') return false;
  const fns = facts.fnsNamed(parts.name).filter((fn) => fn.impl === null);
  const returns = fns[0]?.returnNode?.text ?? '';
  if (fns.length !== 1 || !/&|'[a-z_]/.test(returns)) return false;
  return parts.args.some((arg) => borrowsVariable(facts, arg, name, depth + 1));
}

/** The expressions a local's value comes from: its initialiser, assignments, what is stored in it. */
function sourcesOf(facts: Facts, binding: Binding): SyntaxNode[] {
  const sources: SyntaxNode[] = [];
  if (binding.kind === 'let' && binding.value) sources.push(binding.value);
  const decl = binding.kind === 'pattern' ? binding.decl : null;
  const taken =
    decl?.type === 'let_condition' || decl?.type === 'for_expression'
      ? decl.child('value')
      : decl?.type === 'match_arm'
        ? (decl.parent?.parent?.child('value') ?? null)
        : null;
  if (taken) sources.push(taken);
  for (const use of facts.scopes.usesOf(binding)) {
    const assign = use.parent;
    const right = assign?.type === 'assignment_expression' ? assign.child('right') : null;
    if (right && assign?.child('left')?.start === use.start) sources.push(right);
    sources.push(...storedArguments(use));
  }
  return sources;
}

/** `use.entry(k).or_default().push(v)`: the arguments of storing calls on `use`'s method chain. */
function storedArguments(use: SyntaxNode): SyntaxNode[] {
  const stored: SyntaxNode[] = [];
  let node = use;
  for (let guard = 0; node.parent && guard < 8; guard++) {
    const parent: SyntaxNode = node.parent;
    if (parent.type === 'field_expression' && parent.child('value')?.start === node.start) {
      node = parent;
    } else if (
      parent.type === 'call_expression' &&
      parent.child('function')?.start === node.start
    ) {
      const parts = callParts(parent);
      if (parts?.kind === 'method' && STORING.has(parts.name)) stored.push(...parts.args);
      node = parent;
    } else {
      break;
    }
  }
  return stored;
}

/** For `base.r = <expr>`: the owned field of the same `base` that `<expr>` borrows from. */
function borrowedOwner(
  facts: Facts,
  value: SyntaxNode,
  base: SyntaxNode,
  item: TypeItem,
  depth = 0,
): string | null {
  const owned = ownedFields(item);
  const chain = spine(value);
  for (const node of chain) {
    if (node.type !== 'field_expression') continue;
    const field = node.child('field')?.text ?? '';
    const root = node.child('value');
    if (
      owned.includes(field) &&
      root &&
      unwrap(root).text === base.text &&
      chain.length > chain.indexOf(node) + 1
    ) {
      return field;
    }
  }
  const root = chain.at(-1);
  if (chain.length === 1 && root?.type === 'identifier' && depth < 4) {
    const binding = facts.scopes.resolve(root);
    if (binding?.kind === 'let' && binding.value)
      return borrowedOwner(facts, binding.value, base, item, depth + 1);
  }
  // `k` from `line.split_once(..)` and the like: follow the variable at the root of the chain
  // when it is a pattern binding.
  if (root?.type === 'identifier' && depth < 4) {
    const binding = facts.scopes.resolve(root);
    // `if let Some((k, v)) = line.split_once(..)`, `for line in x.raw.lines()`: the value the
    // pattern takes apart.
    const decl = binding?.kind === 'pattern' ? binding.decl : null;
    const source =
      decl?.type === 'let_condition' || decl?.type === 'for_expression'
        ? decl.child('value')
        : decl?.type === 'match_arm'
          ? (decl.parent?.parent?.child('value') ?? null)
          : null;
    if (source) return borrowedOwner(facts, source, base, item, depth + 1);
  }
  return null;
}

function itemOf(facts: Facts, base: SyntaxNode, byName: Map<string, TypeItem>): TypeItem | null {
  if (base.type === 'self') {
    const name = facts.implAt(base)?.typeName;
    return name ? (byName.get(name) ?? null) : null;
  }
  const ty = facts.typeOf(base);
  const target = ty.k === 'ref' ? ty.inner : ty;
  return target.k === 'path' ? (byName.get(target.name) ?? null) : null;
}

/** The struct literal is the function's result (tail expression or `return`, maybe in `Ok`/`Some`). */
function isReturned(literal: SyntaxNode): boolean {
  let current = outerExpression(literal);
  for (let guard = 0; guard < 4; guard++) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'return_expression') return true;
    if (parent.type === 'block') {
      return parent.lastNamedChild === current && parent.parent?.type === 'function_item';
    }
    if (
      parent.type === 'arguments' &&
      parent.parent &&
      ['Ok', 'Some'].includes(parent.parent.child('function')?.text ?? '')
    ) {
      current = outerExpression(parent.parent);
      continue;
    }
    return false;
  }
  return false;
}

/** The receiver is a parameter (or a field of one): storing into it outlives the function. */
function storedOutside(facts: Facts, receiver: SyntaxNode, value: Binding): boolean {
  const root = spine(receiver).at(-1);
  if (root?.type !== 'identifier') return false;
  const binding = facts.scopes.resolve(root);
  if (binding?.kind === 'param' || binding?.kind === 'self') return true;
  // A collection declared in an outer block outlives the value, which dies at its block's end.
  const block = value.decl.closest(['block']);
  return binding !== null && block !== null && !binding.decl.within(block);
}

/** True when this use of a variable needs it mutably (a `&mut` method, a write, `&mut x`). */
function mutableUse(facts: Facts, use: SyntaxNode): boolean {
  const kind = useKind(use);
  if (kind === 'borrow-mut' || kind === 'assign' || kind === 'compound-assign') return true;
  let place = use;
  while (place.parent?.type === 'field_expression' && place.parent.child('value') === place) {
    const parent = place.parent;
    const grand = parent.parent;
    if (grand?.type === 'call_expression' && grand.child('function') === parent) {
      const method = parent.child('field')?.text ?? '';
      const own = facts.fnsNamed(method).filter((fn) => fn.impl);
      if (own.length > 0) return own.every((fn) => fn.receiver === 'mut');
      return MUTATING.has(method) || method === 'push_str';
    }
    if (grand?.type === 'assignment_expression' && grand.child('left') === parent) return true;
    place = parent;
  }
  return false;
}
