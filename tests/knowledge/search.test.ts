// Routing behaviour on questions written for these tests (the dev set is only
// used by `npm run eval:ask`, so these guard the product's obvious cases).
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/index.js';

const knowledge = createKnowledgeBase();

describe('routing questions to topics', () => {
  it.each([
    ['why do futures need to be pinned?', ['why-pin-exists', 'what-is-pin']],
    ['what does the Unpin trait mean?', ['unpin']],
    ['error[E0733]: recursion in an `async fn` requires boxing', ['async-recursion']],
    ['how do I store a future in a struct field?', ['storing-futures-in-structs']],
    ['my sleep in a select! loop restarts every iteration', ['select-and-reused-futures']],
    ['pin-project or pin-project-lite, which one should I use?', ['pin-project-crates']],
    ['when should I use PhantomPinned?', ['phantompinned']],
    ['who would ever move a future while it is running?', ['who-moves-the-future']],
  ])('routes "%s"', (question, expected) => {
    const route = knowledge.route(question);
    expect(expected).toContain(route.topic);
    expect(route.confidence).toBeGreaterThanOrEqual(0.5);
    expect(route.alternatives.length).toBeLessThanOrEqual(3);
    expect(route.alternatives).not.toContain(route.topic);
  });

  it('reads a forum post by its title first: the body is context', () => {
    const post =
      'my sleep in select! restarts on every loop iteration\n' +
      'The other branch reads a stream of boxed futures, each made with Box::pin and stored as Pin<Box<dyn Future>>.';
    expect(knowledge.route(post).topic).toBe('select-and-reused-futures');
  });

  it('abstains on another meaning of pin and names it', () => {
    const route = knowledge.route('how do I pin a message in this channel');
    expect(route.topic).toBeNull();
    expect(route.abstention).toEqual({ reason: 'other-meaning', meaning: 'pinning a chat message' });
  });

  it('abstains on a question that has nothing to do with pinning', () => {
    const route = knowledge.route('what is the best vscode theme for rust?');
    expect(route.topic).toBeNull();
    expect(route.abstention?.reason).toBe('off-topic');
  });

  it('gives confidences between 0 and 1', () => {
    for (const question of ['Pin', 'why', 'poll poll poll', 'E0277']) {
      const { confidence } = knowledge.route(question);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it('learns a phrasing a moderator taught', () => {
    const question = 'my future keeps zorblaxing the quux flange';
    expect(knowledge.route(question).topic).not.toBe('pin-set');
    const taught = createKnowledgeBase({ taught: new Map([['pin-set', [question]]]) });
    expect(taught.route(question).topic).toBe('pin-set');
  });
});
