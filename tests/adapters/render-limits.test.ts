// Every entry, at every level, as an answer and as a whole topic, renders within
// Discord's and Slack's limits, and no code block is ever cut in half (issue 3).
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscord } from '../../src/adapters/discord/render.js';
import { SLACK_LIMITS, renderSlack } from '../../src/adapters/slack/render.js';
import { fullTopicReply, topicReply } from '../../src/core/topic-reply.js';
import { LEVEL_NAMES } from '../../src/core/topic.js';
import type { Reply } from '../../src/core/reply.js';
import { createKnowledgeBase } from '../../src/knowledge/index.js';

const knowledge = createKnowledgeBase();
const lookup = (id: string) => knowledge.get(id);

const replies: [string, Reply][] = knowledge
  .topics()
  .flatMap((topic) => [
    ...LEVEL_NAMES.map((level): [string, Reply] => [
      `${topic.id} answer ${level}`,
      topicReply(topic, level, lookup),
    ]),
    [`${topic.id} whole topic`, fullTopicReply(topic, undefined, lookup)],
  ]);

function codeOf(reply: Reply): string[] {
  return reply.blocks.flatMap((block) => (block.kind === 'code' ? [block.code] : []));
}

describe('rendering every knowledge entry', () => {
  it.each(replies)('fits a Discord embed: %s', (_name, reply) => {
    const embed = renderDiscord(reply).embeds[0]!;
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(
      embed.title.length + embed.description.length + (embed.footer?.text.length ?? 0),
    ).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.description.split('```').length % 2).toBe(1);
    // Every code block that was opened holds a whole example.
    const opened = embed.description.split('```rust\n').length - 1;
    const whole = codeOf(reply).filter((code) =>
      embed.description.includes(`\`\`\`rust\n${code}\n\`\`\``),
    );
    expect(whole.length).toBe(opened);
  });

  it.each(replies)('fits Slack blocks: %s', (_name, reply) => {
    const message = renderSlack(reply);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of message.blocks) {
      if (block.type === 'section') {
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
        expect(block.text.text.split('```').length % 2).toBe(1);
      }
    }
  });

  it('keeps the short answer and the level explanation of every answer on Discord', () => {
    for (const topic of knowledge.topics()) {
      const embed = renderDiscord(topicReply(topic, 'beginner', lookup)).embeds[0]!;
      expect(embed.description).toContain(topic.answer.slice(0, 60));
      expect(embed.description).toContain(topic.levels.beginner.slice(0, 60));
    }
  });
});
