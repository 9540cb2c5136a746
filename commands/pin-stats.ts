import { defineCommand } from '../src/core/command.js';
import type { ReplyBlock } from '../src/core/reply.js';

const DAYS = 30;
const LIMIT = 10;

export default defineCommand({
  name: 'stats',
  description: 'What was asked lately, and what went unanswered (moderators)',
  audience: 'moderators',
  options: {},
  async run(_input, { services }) {
    const stats = await services.store.questionStats({ days: DAYS, limit: LIMIT });
    const share = stats.asked === 0 ? 0 : Math.round((100 * stats.answered) / stats.asked);
    const blocks: ReplyBlock[] = [
      {
        kind: 'text',
        text: `In the last ${stats.days} days: ${stats.asked} questions, ${stats.answered} answered (${share}%).`,
        importance: 'essential',
      },
    ];
    if (stats.topTopics.length > 0) {
      blocks.push({
        kind: 'topics',
        heading: 'Most asked topics',
        topics: stats.topTopics.map(({ topic, count }) => ({
          id: topic,
          title: `${services.knowledge.get(topic)?.title ?? topic} (${count}×)`,
        })),
        importance: 'essential',
      });
    }
    if (stats.unanswered.length > 0) {
      blocks.push({
        kind: 'text',
        heading: 'Asked but not answered (teach a phrasing with /pin teach TOPIC PHRASE)',
        text: stats.unanswered
          .map(({ question, count }) => `• ${oneLine(question)}${count > 1 ? ` (${count}×)` : ''}`)
          .join('\n'),
        importance: 'essential',
      });
    }
    return { tone: 'info', title: 'pinbot stats', blocks, ephemeral: true };
  },
});

/** A question as one short line: it is shown in a list, not answered. */
function oneLine(question: string): string {
  const flat = question.replace(/\s+/g, ' ').replace(/`/g, "'");
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
