import { defineCommand } from '../src/core/command.js';
import type { ReplyBlock } from '../src/core/reply.js';
import { SECTION_TITLES, type SectionId } from '../src/core/topic.js';

export default defineCommand({
  name: 'help',
  description: 'What pinbot can do, and the topics it knows',
  audience: 'everyone',
  options: {},
  run(_input, { services, actor }) {
    const blocks: ReplyBlock[] = [
      {
        kind: 'text',
        text: [
          '`/pin ask QUESTION` answers a question about Rust pinning (add a level: beginner, practitioner, implementer).',
          '`/pin check CODE` reads a snippet and says what the compiler would say about its pinning, or where it breaks the `Pin` contract.',
          '`/pin topic ID` shows one entry of the knowledge base.',
        ].join('\n'),
        importance: 'essential',
      },
    ];
    if (actor.isModerator) {
      blocks.push({
        kind: 'text',
        heading: 'For moderators',
        text: [
          '`/pin link TOPIC [@user]` posts the canonical answer of a topic in this conversation.',
          '`/pin teach TOPIC PHRASE` teaches pinbot another way people ask about a topic.',
          '`/pin stats` shows what was asked in the last 30 days, and what went unanswered.',
        ].join('\n'),
        importance: 'essential',
      });
    }
    for (const section of Object.keys(SECTION_TITLES) as SectionId[]) {
      const topics = services.knowledge.topics().filter((topic) => topic.section === section);
      if (topics.length === 0) continue;
      blocks.push({
        kind: 'topics',
        heading: SECTION_TITLES[section],
        topics: topics.map((topic) => ({ id: topic.id, title: topic.title })),
        importance: 'useful',
      });
    }
    return { tone: 'info', title: 'pinbot: Rust pinning, explained', blocks, ephemeral: true };
  },
});
