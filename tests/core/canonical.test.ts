import { describe, expect, it } from 'vitest';
import { decideCanonical } from '../../src/core/canonical.js';
import { testServices } from '../helpers/services.js';

const { knowledge } = testServices();

describe('decideCanonical', () => {
  it('posts the topic a clear pinning question is about', () => {
    const decision = decideCanonical('  how do I store a future in a struct field?  ', knowledge);
    expect(decision).toMatchObject({
      post: true,
      topic: 'storing-futures-in-structs',
      question: 'how do I store a future in a struct field?',
    });
  });

  it('posts nothing for a message that is not about pinning, and tells the moderator why', () => {
    const decision = decideCanonical('anyone up for lunch at noon?', knowledge);
    expect(decision.post).toBe(false);
    if (decision.post) return;
    expect(decision.reply).toMatchObject({ tone: 'abstain', ephemeral: true });
  });

  it('turns an unusable message into an ephemeral error, not an exception', () => {
    const decision = decideCanonical('🙂', knowledge);
    expect(decision).toMatchObject({ post: false, reply: { tone: 'error', ephemeral: true } });
  });
});
