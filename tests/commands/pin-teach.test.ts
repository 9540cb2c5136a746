import { describe, expect, it } from 'vitest';
import teach from '../../commands/pin-teach.js';
import { createKnowledgeBase } from '../../src/knowledge/index.js';
import { testContext } from '../helpers/services.js';

// A made-up phrasing no entry could match, so only teaching can route it.
const PHRASE = 'my quux reactor keeps zorblaxing the flange';

function moderatorContext() {
  return testContext({ knowledge: createKnowledgeBase() }, true);
}

describe('/pin teach', () => {
  it('stores the phrasing and routes it to the topic from now on', async () => {
    const context = moderatorContext();
    expect(context.services.knowledge.route(PHRASE).topic).not.toBe('pin-set');
    const reply = await teach.execute({ topic: 'pin-set', phrase: PHRASE }, context);
    expect(reply).toMatchObject({ tone: 'info', ephemeral: true });
    expect(JSON.stringify(reply.blocks)).toContain('now leads to');
    expect(context.services.knowledge.route(PHRASE).topic).toBe('pin-set');
    expect(await context.services.store.phrasings()).toEqual([
      { topic: 'pin-set', phrase: PHRASE },
    ]);
  });

  it('accepts a topic by its title', async () => {
    const context = moderatorContext();
    await teach.execute({ topic: 'Replacing a pinned value', phrase: PHRASE }, context);
    expect(await context.services.store.phrasings()).toEqual([
      { topic: 'pin-set', phrase: PHRASE },
    ]);
  });

  it('is for moderators only, checked when it runs', async () => {
    const context = testContext({ knowledge: createKnowledgeBase() }, false);
    await expect(
      teach.execute({ topic: 'pin-set', phrase: PHRASE }, context),
    ).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await context.services.store.phrasings()).toEqual([]);
  });

  it('refuses an unknown topic and an empty phrase without storing anything', async () => {
    const context = moderatorContext();
    await expect(
      teach.execute({ topic: 'no-such-topic-at-all', phrase: PHRASE }, context),
    ).rejects.toMatchObject({ code: 'unknown-topic' });
    await expect(
      teach.execute({ topic: 'pin-set', phrase: '🙂🙂' }, context),
    ).rejects.toMatchObject({ code: 'empty-input' });
    expect(await context.services.store.phrasings()).toEqual([]);
  });

  it('does not learn a phrasing the store failed to keep', async () => {
    const context = moderatorContext();
    await context.services.store.close();
    await expect(teach.execute({ topic: 'pin-set', phrase: PHRASE }, context)).rejects.toThrow();
    expect(context.services.knowledge.route(PHRASE).topic).not.toBe('pin-set');
  });
});
