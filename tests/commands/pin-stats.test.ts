import { describe, expect, it } from 'vitest';
import ask from '../../commands/pin-ask.js';
import stats from '../../commands/pin-stats.js';
import type { Reply } from '../../src/core/reply.js';
import { testContext } from '../helpers/services.js';

function text(reply: Reply): string {
  return reply.blocks
    .map((block) => {
      if (block.kind === 'text') return block.text;
      if (block.kind === 'topics') return block.topics.map((topic) => topic.title).join('\n');
      return '';
    })
    .join('\n');
}

describe('/pin stats', () => {
  it('counts what /pin ask recorded and lists what went unanswered', async () => {
    const context = testContext({}, true);
    for (const question of [
      'what does Unpin mean?',
      'what does the Unpin trait mean?',
      'best pizza in town?',
      'Best pizza in town?',
    ]) {
      await ask.execute({ question }, context);
    }
    const reply = await stats.execute({}, context);
    expect(reply.ephemeral).toBe(true);
    expect(text(reply)).toContain('4 questions, 2 answered (50%)');
    expect(text(reply)).toMatch(/Unpin.*\(2×\)/);
    expect(text(reply)).toMatch(/• best pizza in town\? \(2×\)/i);
  });

  it('is for moderators only', async () => {
    await expect(stats.execute({}, testContext())).rejects.toMatchObject({ code: 'not-allowed' });
  });

  it('says so when nothing was asked yet', async () => {
    const reply = await stats.execute({}, testContext({}, true));
    expect(text(reply)).toContain('0 questions, 0 answered (0%)');
  });
});
