import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlitePathOf } from '../../src/storage/open.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

const opened: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function databaseFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'pinbot-store-')), 'nested', 'pinbot.sqlite');
}

function open(path: string, now?: () => Date): SqliteStore {
  const store = new SqliteStore(path, now);
  opened.push(store);
  return store;
}

describe('SqliteStore', () => {
  it('creates its folder and schema, and keeps what it stored across restarts', async () => {
    const file = databaseFile();
    const first = open(file);
    expect(first.schemaVersion).toBe(1);
    await first.addPhrasing({ topic: 'pin-set', phrase: 'swap the pinned thing', taughtBy: 'mod' });
    await first.close();
    expect(await open(file).phrasings()).toEqual([
      { topic: 'pin-set', phrase: 'swap the pinned thing' },
    ]);
  });

  it('refuses a database written by a newer pinbot', () => {
    const file = databaseFile();
    open(file);
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new SqliteStore(file)).toThrow(/schema version 99, newer than this pinbot/);
  });

  it('counts answered questions, top topics and the unanswered ones within the window', async () => {
    let clock = new Date('2026-11-01T10:00:00Z');
    const store = open(':memory:', () => clock);
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
    expect(stats.unanswered[1]).toMatchObject({
      question: 'is Pin<&mut dyn Any> a thing',
      lastAsked: '2026-11-21T10:00:00.000Z',
    });
  });

  it('keeps a taught phrasing once however often it is taught', async () => {
    const store = open(':memory:');
    for (const taughtBy of ['a', 'b']) {
      await store.addPhrasing({ topic: 'unpin', phrase: 'can it move', taughtBy });
    }
    expect(await store.phrasings()).toHaveLength(1);
  });

  it('grants the automatic reply of a thread once, even after a restart', async () => {
    const file = databaseFile();
    const store = open(file);
    expect(await store.claimAutoReply('discord:123')).toBe(true);
    expect(await store.claimAutoReply('discord:123')).toBe(false);
    expect(await store.claimAutoReply('slack:C1:1.2')).toBe(true);
    await store.close();
    expect(await open(file).claimAutoReply('discord:123')).toBe(false);
  });

  it('turns database failures into rejected promises', async () => {
    const store = open(':memory:');
    await store.close();
    await expect(
      store.recordQuestion({ platform: 'console', question: 'q', topic: null, confidence: 0 }),
    ).rejects.toThrow();
  });
});

describe('sqlitePathOf', () => {
  it.each([
    ['./data/pinbot.sqlite', './data/pinbot.sqlite'],
    ['sqlite:///var/lib/pinbot.db', '/var/lib/pinbot.db'],
    ['file:pinbot.db', 'pinbot.db'],
    ['sqlite:', ':memory:'],
  ])('reads %j as %j', (url, path) => {
    expect(sqlitePathOf(url)).toBe(path);
  });
});
