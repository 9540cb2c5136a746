// Turns a checker result into a Reply: the verdict first, then one block per
// finding with the line, the rustc code, the fix and the topic that explains it.
import type { CheckResult, Verdict } from './check.js';
import type { KnowledgeBase } from './ports.js';
import type { Reply, ReplyBlock } from './reply.js';

const VERDICT_TITLES: Record<Verdict, string> = {
  ok: 'No pinning problem found',
  'compile-error': 'The compiler will reject this',
  unsound: 'This compiles, but breaks the Pin contract',
  'not-rust': 'I could not find Rust code in that',
};

const VERDICT_TEXT: Record<Verdict, string> = {
  ok: 'I found nothing wrong with how this code pins (the checker reads pinning only; it does not run the full compiler).',
  'compile-error': 'rustc would stop on the pinning problem below.',
  unsound:
    'rustc accepts it, but it is undefined behaviour: a pinned value can move or be invalidated.',
  'not-rust':
    'Paste the code in a fenced block (```rust ... ```), or a compiler error starting with `error[E....]`.',
};

export function checkReply(result: CheckResult, knowledge: KnowledgeBase): Reply {
  const blocks: ReplyBlock[] = [
    { kind: 'text', text: VERDICT_TEXT[result.verdict], importance: 'essential' },
  ];
  for (const finding of result.findings) {
    const topic = finding.topic ? knowledge.get(finding.topic) : undefined;
    blocks.push({
      kind: 'finding',
      severity: finding.severity,
      line: finding.line,
      column: finding.column,
      rustc: finding.rustc,
      message: finding.message,
      fix: finding.fix,
      topic: topic ? { id: topic.id, title: topic.title } : null,
      importance:
        finding.severity === 'error' || finding.severity === 'unsound' ? 'essential' : 'useful',
    });
  }
  if (result.hint) blocks.push({ kind: 'text', text: result.hint, importance: 'useful' });
  return {
    tone: 'check',
    title: VERDICT_TITLES[result.verdict],
    blocks,
    ephemeral: result.verdict === 'not-rust',
  };
}
