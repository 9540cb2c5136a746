import { describe, expect, it } from 'vitest';
import help from '../../commands/pin-help.js';
import { SECTION_TITLES } from '../../src/core/topic.js';
import { testContext } from '../helpers/services.js';

describe('/pin help', () => {
  it('lists every section of the knowledge base with its topics', async () => {
    const reply = await help.execute({}, testContext());
    const headings = reply.blocks.flatMap((block) =>
      block.kind === 'topics' ? [block.heading] : [],
    );
    expect(headings).toEqual(Object.values(SECTION_TITLES));
    const listed = reply.blocks.flatMap((block) => (block.kind === 'topics' ? block.topics : []));
    expect(listed.length).toBe(testContext().services.knowledge.topics().length);
  });

  it('lists the moderator commands to moderators only', async () => {
    const text = (reply: Awaited<ReturnType<typeof help.execute>>) =>
      reply.blocks.map((block) => (block.kind === 'text' ? block.text : '')).join('\n');
    expect(text(await help.execute({}, testContext({}, true)))).toContain('/pin teach');
    expect(text(await help.execute({}, testContext()))).not.toContain('/pin teach');
  });

  it('is only shown to the asker', async () => {
    expect((await help.execute({}, testContext())).ephemeral).toBe(true);
  });
});
