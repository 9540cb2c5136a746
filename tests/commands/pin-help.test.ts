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

  it('is only shown to the asker', async () => {
    expect((await help.execute({}, testContext())).ephemeral).toBe(true);
  });
});
