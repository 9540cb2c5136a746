// What every Store must do, whatever database stands behind it. Each store's own test
// runs this against a fresh database.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';

export interface StoreHarness {
  /** Opens the store on this test's database; the same database on every call. */
  open(now?: () => Date): Promise<Store>;
}

export function describeStoreContract(name: string, fresh: () => Promise<StoreHarness>): void {
  describe(`${name}: the Store contract`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const openFresh = async (now?: () => Date) => {
      const harness = await fresh();
      const open = async (clock?: () => Date) => {
        const store = await harness.open(clock);
        opened.push(store);
        return store;
      };
      return { store: await open(now), reopen: open };
    };

    it('keeps what it stored across restarts', async () => {
      const { store, reopen } = await openFresh();
      await store.addPhrasing({
        topic: 'pin-set',
        phrase: 'swap the pinned thing',
        taughtBy: 'mod',
      });
      await store.close();
      expect(await (await reopen()).phrasings()).toEqual([
        { topic: 'pin-set', phrase: 'swap the pinned thing' },
      ]);
    });

    it('counts answered questions, top topics and the unanswered ones within the window', async () => {
      let clock = new Date('2026-11-01T10:00:00Z');
      const { store } = await openFresh(() => clock);
      await store.recordQuestion({
        platform: 'discord',
        question: 'old one',
        topic: null,
        confidence: 0,
      });
      clock = new Date('2026-11-20T10:00:00Z');
      const ask = (question: string, topic: string | null) =>
        store.recordQuestion({ platform: 'slack', question, topic, confidence: topic ? 0.9 : 0.1 });
      await ask('what is Pin', 'what-is-pin');
      await ask('why pin futures', 'why-pin-exists');
      await ask('what does Pin do', 'what-is-pin');
      await ask('Pin vs Move trait?', null);
      await ask('pin vs move trait? ', null);
      clock = new Date('2026-11-21T10:00:00Z');
      await ask('is Pin<&mut dyn Any> a thing', null);

      const stats = await store.questionStats({ days: 7, limit: 5 });
      expect(stats).toMatchObject({ days: 7, asked: 6, answered: 3 });
      expect(stats.topTopics).toEqual([
        { topic: 'what-is-pin', count: 2 },
        { topic: 'why-pin-exists', count: 1 },
      ]);
      expect(stats.unanswered.map(({ count }) => count)).toEqual([2, 1]);
      expect(stats.unanswered[1]).toEqual({
        question: 'is Pin<&mut dyn Any> a thing',
        count: 1,
        lastAsked: '2026-11-21T10:00:00.000Z',
      });
      expect((await store.questionStats({ days: 7, limit: 1 })).unanswered).toHaveLength(1);
    });

    it('keeps a taught phrasing once however often it is taught', async () => {
      const { store } = await openFresh();
      for (const taughtBy of ['a', 'b']) {
        await store.addPhrasing({ topic: 'unpin', phrase: 'can it move', taughtBy });
      }
      await store.addPhrasing({ topic: 'unpin', phrase: 'can it move now', taughtBy: 'a' });
      expect(await store.phrasings()).toEqual([
        { topic: 'unpin', phrase: 'can it move' },
        { topic: 'unpin', phrase: 'can it move now' },
      ]);
    });

    it('grants the automatic reply of a thread once, even after a restart', async () => {
      const { store, reopen } = await openFresh();
      expect(await store.claimAutoReply('discord:123')).toBe(true);
      expect(await store.claimAutoReply('discord:123')).toBe(false);
      expect(await store.claimAutoReply('slack:C1:1.2')).toBe(true);
      await store.close();
      expect(await (await reopen()).claimAutoReply('discord:123')).toBe(false);
    });

    it('grants a thread once when two claims race', async () => {
      const { store } = await openFresh();
      const claims = await Promise.all(
        [1, 2, 3, 4].map(() => store.claimAutoReply('slack:C9:7.7')),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('answers a ping while open and reports itself unreachable once closed', async () => {
      const { store } = await openFresh();
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(await store.ping()).toBe(false);
    });

    it('turns database failures into rejected promises', async () => {
      const { store } = await openFresh();
      await store.close();
      await expect(
        store.recordQuestion({ platform: 'console', question: 'q', topic: null, confidence: 0 }),
      ).rejects.toThrow();
    });
  });
}
