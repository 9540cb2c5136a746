import { describe, expect, it } from 'vitest';
import link from '../../commands/pin-link.js';
import { testContext } from '../helpers/services.js';

describe('/pin link', () => {
  it('posts the topic publicly, addressed to the user given', async () => {
    const reply = await link.execute(
      { topic: 'unpin', user: '123456789012345678' },
      testContext({}, true),
    );
    expect(reply).toMatchObject({
      tone: 'answer',
      ephemeral: false,
      mention: '123456789012345678',
    });
    expect(reply.title).toMatch(/Unpin/);
  });

  it('addresses nobody without a user', async () => {
    const reply = await link.execute({ topic: 'unpin' }, testContext({}, true));
    expect(reply.mention).toBeUndefined();
  });

  it('refuses anything but a user id as the user (no @everyone)', async () => {
    await expect(
      link.execute({ topic: 'unpin', user: '@everyone' }, testContext({}, true)),
    ).rejects.toMatchObject({ code: 'invalid-option' });
  });

  it('is for moderators only', async () => {
    await expect(link.execute({ topic: 'unpin' }, testContext())).rejects.toMatchObject({
      code: 'not-allowed',
    });
  });
});
