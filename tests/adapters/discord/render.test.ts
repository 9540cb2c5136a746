import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../src/adapters/discord/render.js';
import type { Reply } from '../../../src/core/reply.js';

const reply: Reply = {
  tone: 'answer',
  title: 'Unpin',
  blocks: [{ kind: 'text', text: 'Most types are Unpin. @everyone', importance: 'essential' }],
  ephemeral: false,
};

describe('renderDiscord mentions', () => {
  it('pings nobody by default, whatever the text says', () => {
    const message = renderDiscord(reply);
    expect(message.content).toBeUndefined();
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('pings exactly the addressed user', () => {
    const message = renderDiscord({ ...reply, mention: '123456789012345678' });
    expect(message.content).toBe('<@123456789012345678>');
    expect(message.allowed_mentions).toEqual({ parse: [], users: ['123456789012345678'] });
  });

  it('ignores a mention that is not a Discord user id', () => {
    const message = renderDiscord({ ...reply, mention: 'everyone' });
    expect(message.content).toBeUndefined();
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });
});
