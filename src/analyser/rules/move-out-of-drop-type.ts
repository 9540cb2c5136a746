// Moving a field out of a value whose type implements `Drop` (`let S { fut, .. } = self;` or
// returning `self.fut` from a by-value method) is E0509: the destructor needs the whole value.
import {
  defineRule,
  isCopyScalar,
  outerExpression,
  useKind,
  type Facts,
  type SyntaxNode,
  type Ty,
} from '../rule.js';

export default defineRule({
  id: 'move-out-of-drop-type',
  description: 'moving a field out of a type that implements `Drop`',
  severity: 'error',
  rustc: 'E0509',
  topic: 'pin-and-drop',
  messages: {
    moveOutOfDrop: {
      message:
        '`{{type}}` implements `Drop`, so its field `{{field}}` cannot be moved out (E0509): the destructor still runs on the whole value.',
      fix: 'Take the field with `Option::take` on an `Option` field (or `mem::replace` with a placeholder) while keeping pinned fields in place, or drop the `Drop` impl.',
    },
  },
  check(context) {
    const { facts } = context;
    const dropTypes = new Set(
      facts.impls.filter((i) => i.trait === 'Drop' && i.typeName).map((i) => i.typeName ?? ''),
    );
    if (dropTypes.size === 0) return;
    for (const fn of facts.fns) {
      if (
        fn.receiver !== 'value' ||
        !fn.impl?.typeName ||
        !dropTypes.has(fn.impl.typeName) ||
        !fn.body
      )
        continue;
      const typeName = fn.impl.typeName;
      for (const node of fn.body.descendants(['self'])) {
        const field = node.parent?.type === 'field_expression' ? node.parent : null;
        const name = field?.child('field')?.text;
        if (!field || !name || useKind(field) !== 'move' || outerExpression(field) !== field)
          continue;
        if (isCopy(facts, facts.fieldType(fn.impl.selfTy, name))) continue;
        context.report({
          node: field,
          messageId: 'moveOutOfDrop',
          data: { type: typeName, field: name },
        });
        return;
      }
      for (const letNode of fn.body.descendants(['let_declaration'])) {
        const pattern = letNode.child('pattern');
        const value = letNode.child('value');
        if (pattern?.type !== 'struct_pattern' || value?.type !== 'self') continue;
        const moved = firstMovedField(pattern);
        if (moved) {
          context.report({
            node: pattern,
            messageId: 'moveOutOfDrop',
            data: { type: typeName, field: moved },
          });
          return;
        }
      }
    }
  },
});

function firstMovedField(pattern: SyntaxNode): string | null {
  for (const child of pattern.namedChildren) {
    if (child.type === 'shorthand_field_identifier') return child.text;
    if (child.type === 'field_pattern') return child.child('name')?.text ?? null;
  }
  return null;
}

function isCopy(facts: Facts, ty: Ty): boolean {
  if (ty.k === 'ref' && !ty.mut) return true;
  if (ty.k !== 'path') return ty.k !== 'unknown' ? false : true;
  if (isCopyScalar(ty.name)) return true;
  return facts.types.get(ty.name)?.derives.has('Copy') ?? false;
}
