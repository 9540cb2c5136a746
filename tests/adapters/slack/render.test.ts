import { describe, expect, it } from 'vitest';
import { renderSlack } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/core/reply.js';

const reply: Reply = {
  tone: 'answer',
  title: 'Unpin',
  blocks: [{ kind: 'text', text: 'Most types are Unpin. <!channel>', importance: 'essential' }],
  ephemeral: false,
};

describe('renderSlack mentions', () => {
  it('addresses the user in the first section and the notification text', () => {
    const message = renderSlack({ ...reply, mention: 'U012ABCDEF' });
    expect(message.text.startsWith('<@U012ABCDEF> ')).toBe(true);
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '<@U012ABCDEF>' },
    });
  });

  it('never lets reply text become a channel-wide ping', () => {
    const rendered = JSON.stringify(renderSlack({ ...reply, mention: '!channel' }));
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<@');
  });
});
