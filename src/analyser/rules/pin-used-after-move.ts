// A `Pin<&mut T>` is not `Copy` and stable Rust never reborrows it implicitly: a call that takes
// it by value (`fut.poll(cx)`, a `self: Pin<&mut Self>` method, `get_unchecked_mut`) moves it, and
// any later use is E0382. `.as_mut()` reborrows it for one call.
import {
  callParts,
  closuresBetween,
  defineRule,
  exclusiveBranches,
  isPinMut,
  loopAround,
  statementOf,
  useKind,
  CONSUMING_PIN_METHODS,
  type Binding,
  type Facts,
  type SyntaxNode,
  unwrap,
} from '../rule.js';

export default defineRule({
  id: 'pin-used-after-move',
  description: 'a `Pin<&mut T>` used again after a call consumed it (no `as_mut()` reborrow)',
  severity: 'error',
  rustc: 'E0382',
  topic: 'as-mut-reborrow',
  messages: {
    usedAfterMove: {
      message:
        '`{{pin}}` is a `Pin<&mut _>`, which is not `Copy`: {{first}} on line {{line}} moved it, so this use is a use of a moved value (E0382). Stable Rust does not reborrow pins automatically.',
      fix: 'Reborrow the pin with `{{pin}}.as_mut()` for each use that consumes it.',
    },
    probablyUsedAfterMove: {
      message:
        '`{{pin}}` is a `Pin<&mut _>`, and {{first}} on line {{line}} probably takes it by value (a `self: Pin<&mut Self>` method; the snippet does not show it), so this second use would be a use of a moved value (E0382).',
      fix: 'Reborrow the pin with `{{pin}}.as_mut()` for each call.',
    },

    movedInLoop: {
      message:
        '`{{pin}}` is a `Pin<&mut _>`, which is not `Copy`: {{first}} moves it on the first pass of the loop, so the next pass uses a moved value (E0382).',
      fix: 'Reborrow it inside the loop with `{{pin}}.as_mut()`.',
    },
  },
  check(context) {
    const { facts } = context;
    // `let this = self.project();` (pin-project): each pinned field is a `Pin<&mut _>` of its own.
    for (const statement of context.tree.ofType('let_declaration')) {
      const value = statement.child('value');
      const pattern = statement.child('pattern');
      const call = value ? callParts(unwrap(value)) : null;
      if (call?.kind !== 'method' || call.name !== 'project' || pattern?.type !== 'identifier')
        continue;
      const binding = facts.scopes.resolve(
        firstUseOf(context.tree, statement, pattern.text) ?? pattern,
      );
      if (binding?.decl !== statement) continue;
      reportProjectedFields(binding);
    }

    function reportProjectedFields(binding: Binding): void {
      const fields = new Map<string, SyntaxNode[]>();
      for (const use of facts.scopes.usesOf(binding)) {
        const field = use.parent?.type === 'field_expression' ? use.parent : null;
        const name = field?.child('field')?.text;
        if (!field || !name) continue;
        fields.set(name, [...(fields.get(name) ?? []), field]);
      }
      for (const [name, uses] of fields) {
        const consumed = uses.find((u) => {
          const method =
            u.parent?.type === 'field_expression' ? u.parent.child('field')?.text : undefined;
          return (
            u.parent?.parent?.type === 'call_expression' &&
            method !== undefined &&
            CONSUMING_PIN_METHODS.has(method)
          );
        });
        const later = consumed
          ? uses.find((u) => u.start > consumed.end && !exclusiveBranches(consumed, u))
          : undefined;
        if (!consumed || !later) continue;
        const pin = `${binding.name}.${name}`;
        const method = consumed.parent?.child('field')?.text ?? 'poll';
        context.report({
          node: later,
          messageId: 'usedAfterMove',
          data: { pin, first: `\`${pin}.${method}(..)\``, line: String(consumed.line) },
          fix: `Reborrow the projected pin for each call: \`${pin}.as_mut().${method}(..)\`.`,
        });
      }
    }

    const candidates = new Set<Binding>();
    for (const node of context.tree.ofType('identifier', 'self')) {
      const kind = useKind(node);
      if (kind !== 'receiver' && kind !== 'move') continue;
      const binding = facts.scopes.resolve(node);
      if (binding && !candidates.has(binding) && isPinMut(facts.bindingType(binding)))
        candidates.add(binding);
    }
    for (const binding of candidates) {
      const uses = facts.scopes.usesOf(binding);
      for (const use of uses) {
        const guessed =
          consumingCall(facts, use) === null ? probablyConsuming(facts, binding, use) : null;
        const consumed = consumingCall(facts, use) ?? guessed?.replace(/\?$/, '') ?? null;
        if (!consumed) continue;
        if (closuresBetween(use, binding.scope).some((closure) => !binding.decl.within(closure)))
          continue;
        const later = uses.find(
          (other) =>
            other.start > use.end &&
            !exclusiveBranches(use, other) &&
            !exitsBefore(use, other) &&
            !reassignedBetween(uses, use, other),
        );
        const described = describe(binding.name, consumed);
        const data = { pin: binding.name, first: described.first, line: String(use.line) };
        const fix = described.fix;
        const loop = loopAround(use, binding.scope);
        const repeats =
          loop !== null &&
          !binding.decl.within(loop) &&
          !leavesLoop(use, loop) &&
          !reassignedIn(uses, loop);
        // rustc reports a move once, at the first use (in control-flow order) that sees it: the
        // consuming call itself (moved "in previous iteration of loop") when it comes before the
        // later use, the later use otherwise.
        if (loop && repeats && !guessed && later && reachedFirst(use, loop, later)) {
          context.report({ node: use, messageId: 'movedInLoop', data, fix });
          break;
        }
        if (later && guessed) {
          const again = later.parent?.child('field')?.text;
          const unsure = guessed.endsWith('?');
          if (useKind(later) === 'receiver' && (!unsure || again === consumed)) {
            context.report({ node: later, messageId: 'probablyUsedAfterMove', data, fix });
          }
          break;
        }
        if (later) {
          context.report({ node: later, messageId: 'usedAfterMove', data, fix });
          break;
        }
        if (guessed) continue;
        if (repeats) {
          context.report({ node: use, messageId: 'movedInLoop', data, fix });
          break;
        }
      }
    }
  },
});

/** When `use` is the receiver (or argument) of a call that takes the pin by value: the callee. */
function consumingCall(facts: Facts, use: SyntaxNode): string | null {
  const kind = useKind(use);
  if (kind === 'receiver') {
    const method = use.parent?.child('field')?.text ?? '';
    if (CONSUMING_PIN_METHODS.has(method)) return method;
    // Methods the snippet declares, in an impl or a trait (a trait's signature binds every impl).
    const own = facts.fnsNamed(method).filter((fn) => fn.impl ?? fn.inTrait);
    if (own.length > 0 && own.every((fn) => fn.receiver === 'pin-mut')) return method;
    return null;
  }
  if (kind === 'move' && use.parent?.type === 'arguments') {
    const call = use.parent.parent;
    const callee = call?.child('function');
    return callee ? `(${callee.text.split('::').pop() ?? callee.text})` : null;
  }
  // `let q = p;`, `Some(p)`, `Wrapper { pin: p }`: the pin moves (the tail of a block or a
  // `return` ends the path, so later uses are unreachable anyway).
  if (
    kind === 'move' &&
    use.parent &&
    use.parent.type !== 'block' &&
    use.parent.type !== 'return_expression'
  ) {
    return '(move)';
  }
  return null;
}

/** How a consuming use reads in a message, and the call to suggest instead. */
function describe(pin: string, consumed: string): { first: string; fix: string } {
  if (consumed === '(move)') {
    return {
      first: `moving \`${pin}\``,
      fix: `Move a reborrow instead of the pin itself: \`${pin}.as_mut()\`.`,
    };
  }
  if (consumed.startsWith('(')) {
    const callee = consumed.slice(1, -1);
    return {
      first: `\`${callee}(${pin})\``,
      fix: `Pass a reborrow so that \`${pin}\` stays usable: \`${callee}(${pin}.as_mut())\`.`,
    };
  }
  return {
    first: `\`${pin}.${consumed}(..)\``,
    fix: `Reborrow the pin for each call that consumes it: \`${pin}.as_mut().${consumed}(..)\`.`,
  };
}

/** Methods every pin (or its `Deref` target) has that do not consume it. */
const NOT_CONSUMING = new Set([
  'as_mut',
  'as_ref',
  'set',
  'get_ref',
  'clone',
  'to_owned',
  'to_string',
  'len',
  'is_empty',
  'iter',
]);

/**
 * A method the snippet does not define, called on a `Pin<&mut T>` with `T: !Unpin`: it cannot take
 * `&mut self` (no `DerefMut`), so it takes `&self` or `self: Pin<&mut Self>`. Returns its name.
 */
function probablyConsuming(facts: Facts, binding: Binding, use: SyntaxNode): string | null {
  if (useKind(use) !== 'receiver') return null;
  const method = use.parent?.child('field')?.text ?? '';
  if (NOT_CONSUMING.has(method) || facts.fnsNamed(method).length > 0) return null;
  const target = facts.bindingType(binding);
  const inner = target.k === 'path' ? target.args[0] : undefined;
  if (inner?.k !== 'ref') return null;
  const verdict = facts.unpin(inner.inner, facts.envAt(use));
  if (verdict.value === 'no' && verdict.sure) return method;
  // A fragment showing `self: Pin<&mut Self>` but not the type: only the same method called
  // again counts (returned with a trailing `?`).
  if (verdict.value === 'unknown' && binding.kind === 'self' && !facts.fnAt(use)?.impl) {
    return `${method}?`;
  }
  return null;
}

/** True when the code path from `first` cannot reach `second` (a `return`/`break` in between). */
function exitsBefore(first: SyntaxNode, second: SyntaxNode): boolean {
  const exit = first.closest(['return_expression', 'break_expression']);
  if (exit && !second.within(exit)) return true;
  const statement = statementOf(first);
  const block = statement.parent;
  if (!block || second.within(block)) return false;
  for (let i = statement.index + 1; i < block.children.length; i++) {
    const next = block.children[i];
    const inner = next?.type === 'expression_statement' ? next.namedChildren[0] : next;
    if (
      inner &&
      ['return_expression', 'break_expression', 'continue_expression'].includes(inner.type)
    )
      return true;
  }
  return false;
}

/**
 * True when rustc meets the consuming `use` in a loop before the `later` use of the moved pin: the
 * later use follows it in the same pass, or the loop can only be left after it (`loop { .. }`, a
 * `while` condition, a `break` after it). A `for`/`while` body use is met after the code that
 * follows the loop (its normal exit comes first).
 */
function reachedFirst(use: SyntaxNode, loop: SyntaxNode, later: SyntaxNode): boolean {
  if (later.within(loop)) return true;
  if (loop.type === 'loop_expression') return true;
  const condition = loop.type === 'while_expression' ? loop.child('condition') : null;
  if (condition && use.within(condition)) return true;
  const body = loop.child('body');
  if (!body) return false;
  return body
    .descendants(['break_expression'])
    .some(
      (exit) =>
        exit.start > use.end &&
        exit.closest([
          'loop_expression',
          'while_expression',
          'for_expression',
          'closure_expression',
        ]) === loop,
    );
}

function leavesLoop(use: SyntaxNode, loop: SyntaxNode): boolean {
  const exit = use.closest(['return_expression', 'break_expression']);
  if (exit?.within(loop)) return true;
  const statement = statementOf(use);
  const block = statement.parent;
  if (!block?.within(loop)) return false;
  for (let i = statement.index + 1; i < block.children.length; i++) {
    const next = block.children[i];
    const inner = next?.type === 'expression_statement' ? next.namedChildren[0] : next;
    if (inner && (inner.type === 'return_expression' || inner.type === 'break_expression')) {
      return block === loop.child('body');
    }
  }
  return false;
}

function reassignedBetween(uses: SyntaxNode[], first: SyntaxNode, second: SyntaxNode): boolean {
  return uses.some((u) => u.start > first.end && u.end <= second.start && useKind(u) === 'assign');
}

function reassignedIn(uses: SyntaxNode[], loop: SyntaxNode): boolean {
  return uses.some((u) => u.within(loop) && useKind(u) === 'assign');
}

/** The first identifier named `name` after `statement` in its block (to resolve the binding). */
function firstUseOf(
  tree: SyntaxNode['tree'],
  statement: SyntaxNode,
  name: string,
): SyntaxNode | null {
  const block = statement.parent;
  if (!block) return null;
  return (
    tree
      .ofTypeWithin(block, 'identifier')
      .find((n) => n.start > statement.end && n.text === name) ?? null
  );
}
