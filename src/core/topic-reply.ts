// Turns a knowledge entry into a Reply for one level. Renderers decide what fits;
// this decides what matters most (short answer and the level's explanation).
import type { Reply, ReplyBlock, TopicLink } from './reply.js';
import type { ExampleView, Level, TopicView } from './topic.js';

const LEVEL_HEADINGS: Record<Level, string> = {
  beginner: 'In plain words',
  practitioner: 'What to write',
  implementer: 'The contract',
};

export function topicReply(
  topic: TopicView,
  level: Level,
  lookup: (id: string) => TopicView | undefined,
): Reply {
  const blocks: ReplyBlock[] = [
    { kind: 'text', text: topic.answer, importance: 'essential' },
    {
      kind: 'text',
      heading: LEVEL_HEADINGS[level],
      text: topic.levels[level],
      importance: 'essential',
    },
  ];
  blocks.push(...analogyBlocks(topic, level === 'beginner' ? 'essential' : 'useful'));
  blocks.push(...exampleBlocks(topic.examples));
  blocks.push(...closingBlocks(topic, lookup));
  return {
    tone: 'answer',
    title: topic.title,
    blocks,
    more: { label: 'The whole entry', command: `/pin topic ${topic.id}` },
    ephemeral: false,
  };
}

/** The first broken example with its fix, or else the first example that compiles. */
function exampleBlocks(examples: readonly ExampleView[]): ReplyBlock[] {
  const broken = examples.find((example) => example.expect !== 'compiles' && example.fix);
  const fixed = broken ? examples.find((example) => example.name === broken.fix) : undefined;
  if (broken && fixed) return [codeBlock(broken, 'useful'), codeBlock(fixed, 'useful')];
  const first = examples.find((example) => example.expect === 'compiles') ?? examples[0];
  return first ? [codeBlock(first, 'useful')] : [];
}

export function outcomeLabel(example: ExampleView): string {
  switch (example.expect) {
    case 'compiles':
      return 'compiles';
    case 'error':
      return `does not compile: ${example.error_code ?? 'error'}`;
    case 'unsound':
      return 'compiles, but is unsound (undefined behaviour)';
  }
}

function codeBlock(example: ExampleView, importance: 'useful' | 'extra'): ReplyBlock {
  return {
    kind: 'code',
    heading: `${example.title} (${outcomeLabel(example)})`,
    language: 'rust',
    code: example.code.replace(/\n+$/, ''),
    ...(example.note ? { caption: example.note } : {}),
    importance,
  };
}

const LEVEL_TITLES: Record<Level, string> = {
  beginner: 'Beginner',
  practitioner: 'Practitioner',
  implementer: 'Implementer',
};

/** The whole entry (or one level of it), for `/pin topic`. */
export function fullTopicReply(
  topic: TopicView,
  onlyLevel: Level | undefined,
  lookup: (id: string) => TopicView | undefined,
): Reply {
  const levels = onlyLevel ? [onlyLevel] : (['beginner', 'practitioner', 'implementer'] as const);
  const blocks: ReplyBlock[] = [{ kind: 'text', text: topic.answer, importance: 'essential' }];
  for (const level of levels) {
    blocks.push({
      kind: 'text',
      heading: LEVEL_TITLES[level],
      text: topic.levels[level],
      importance: 'useful',
    });
  }
  blocks.push(...analogyBlocks(topic, 'useful'));
  blocks.push(...topic.examples.map((example) => codeBlock(example, 'extra')));
  blocks.push(...closingBlocks(topic, lookup));
  return { tone: 'answer', title: topic.title, blocks, ephemeral: false };
}

/** The analogy with where it breaks down, when the entry has one. */
function analogyBlocks(topic: TopicView, importance: 'essential' | 'useful'): ReplyBlock[] {
  if (!topic.analogy) return [];
  const text = `${topic.analogy.text}\n_Where it breaks down:_ ${topic.analogy.limits}`;
  return [{ kind: 'text', heading: 'Analogy', text, importance }];
}

/** Related topics (those that exist) and the sources, which close every entry. */
function closingBlocks(
  topic: TopicView,
  lookup: (id: string) => TopicView | undefined,
): ReplyBlock[] {
  const related = topic.related.flatMap((id): TopicLink[] => {
    const other = lookup(id);
    return other ? [{ id: other.id, title: other.title }] : [];
  });
  const blocks: ReplyBlock[] = [];
  if (related.length > 0)
    blocks.push({ kind: 'topics', heading: 'Related', topics: related, importance: 'extra' });
  blocks.push({ kind: 'sources', sources: [...topic.sources], importance: 'useful' });
  return blocks;
}
