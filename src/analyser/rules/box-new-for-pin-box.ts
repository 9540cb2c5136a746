// `Box::new(..)` where a `Pin<Box<dyn Future ..>>` (or `BoxFuture`) is declared: a function's
// return value, a struct field, a typed `let`. A `Box` is not a `Pin<Box>`: mismatched types (E0308).
import {
  callParts,
  defineRule,
  pinParts,
  readType,
  showTy,
  tailOf,
  unwrap,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

export default defineRule({
  id: 'box-new-for-pin-box',
  description: 'returning `Box::new(..)` where `Pin<Box<..>>` is declared',
  severity: 'error',
  rustc: 'E0308',
  topic: 'boxed-futures-dyn',
  messages: {
    boxForPinBox: {
      message:
        '{{fn}} expects `{{type}}`, but `Box::new(..)` makes a plain `Box`, not a pinned one (E0308): the future inside must be pinned on the heap.',
      fix: 'Use `Box::pin(..)` instead of `Box::new(..)` (or wrap an existing box with `Box::into_pin(..)`).',
    },
  },
  query: '(function_item name: (identifier) @name return_type: (_) @ret body: (block) @body) @fn',
  check(context) {
    const { facts } = context;
    const aliases = typeAliases(context.tree.ofType('type_item'));
    const isPinnedBox = (ty: Ty): boolean => isPinnedBoxTy(resolveAlias(ty, aliases));
    // `Struct { field: Box::new(..) }` / `let x: Pin<Box<..>> = Box::new(..)` / `s.field = Box::new(..)`
    for (const node of context.tree.ofType(
      'field_initializer',
      'let_declaration',
      'assignment_expression',
    )) {
      let expected: Ty = UNKNOWN_TY;
      let value: SyntaxNode | null = null;
      let target = '';
      if (node.type === 'field_initializer') {
        value = node.child('value');
        const literal = node.parent?.parent;
        const field = node.child('field')?.text ?? '';
        const typeName = literal?.child('name')?.text;
        const item = typeName
          ? facts.types.get(typeName === 'Self' ? (facts.implAt(node)?.typeName ?? '') : typeName)
          : undefined;
        expected = item?.fields.find((f) => f.name === field)?.ty ?? UNKNOWN_TY;
        target = `the field \`${field}\``;
      } else if (node.type === 'let_declaration') {
        value = node.child('value');
        expected = readType(node.child('type'));
        target = `\`${node.child('pattern')?.text ?? 'the variable'}\``;
      } else {
        value = node.child('right');
        const left = node.child('left');
        expected = left?.type === 'field_expression' ? facts.typeOf(left) : UNKNOWN_TY;
        target = `\`${left?.text ?? 'the place'}\``;
      }
      if (!value || !isPinnedBox(expected) || !isBoxNew(value)) continue;
      context.report({
        node: unwrap(value),
        messageId: 'boxForPinBox',
        data: { fn: target, type: showTy(expected) },
      });
    }
    for (const match of context.matches) {
      const ret = match.node('ret');
      const body = match.node('body');
      const name = match.node('name')?.text ?? 'this function';
      if (!ret || !body) continue;
      const ty = readType(ret);
      if (!isPinnedBox(ty)) continue;
      for (const value of returnedValues(body)) {
        if (isBoxNew(value)) {
          context.report({
            node: unwrap(value),
            messageId: 'boxForPinBox',
            data: { fn: name, type: ret.text },
          });
        }
      }
    }
  },
});

/** The tail expression and every `return` value of a function body (not of nested closures/fns). */
function returnedValues(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const tail = tailOf(body);
  if (tail) out.push(tail);
  for (const ret of body.descendants(['return_expression'])) {
    if (ret.closest(['closure_expression', 'function_item', 'async_block']) !== body.parent)
      continue;
    const value = ret.namedChildren[0];
    if (value) out.push(value);
  }
  return out;
}

const UNKNOWN_TY: Ty = { k: 'unknown' };

/** Module-level `type Job = Pin<Box<..>>;` aliases (not generic ones, not associated types). */
function typeAliases(items: readonly SyntaxNode[]): Map<string, Ty> {
  const out = new Map<string, Ty>();
  for (const item of items) {
    if (item.parent?.type !== 'source_file' || item.child('type_parameters')) continue;
    const name = item.child('name')?.text;
    const ty = readType(item.child('type'));
    if (name && ty.k !== 'unknown') out.set(name, ty);
  }
  return out;
}

function resolveAlias(ty: Ty, aliases: ReadonlyMap<string, Ty>): Ty {
  let current = ty;
  for (let i = 0; i < 4 && current.k === 'path' && current.args.length === 0; i++) {
    const next = aliases.get(current.name);
    if (!next) break;
    current = next;
  }
  return current;
}

function isPinnedBoxTy(ty: Ty): boolean {
  return (
    pinParts(ty)?.pointer === 'box' ||
    (ty.k === 'path' && (ty.name === 'BoxFuture' || ty.name === 'LocalBoxFuture'))
  );
}

function isBoxNew(value: SyntaxNode): boolean {
  const parts = callParts(unwrap(value));
  return parts?.kind === 'path' && parts.owner === 'Box' && parts.name === 'new';
}
