import { describe, expect, it } from 'vitest';
import topic from '../../commands/pin-topic.js';
import { testContext } from '../helpers/services.js';

describe('/pin topic', () => {
  it('shows the whole entry with every example', async () => {
    const context = testContext();
    const reply = await topic.execute({ id: 'pin-set' }, context);
    const entry = context.services.knowledge.get('pin-set')!;
    expect(reply.title).toBe(entry.title);
    expect(entry.examples.length).toBeGreaterThan(0);
    expect(reply.blocks.filter((block) => block.kind === 'code')).toHaveLength(
      entry.examples.length,
    );
  });

  it('finds a topic from part of its title', async () => {
    const reply = await topic.execute({ id: 'PhantomPinned' }, testContext());
    expect(reply.tone).toBe('answer');
  });

  it('says so when there is no such topic', async () => {
    await expect(topic.execute({ id: 'qwertyuiop' }, testContext())).rejects.toMatchObject({
      code: 'unknown-topic',
    });
  });
});
