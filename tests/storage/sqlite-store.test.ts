import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/storage/sqlite-store.js';
import { describeStoreContract } from '../helpers/store-contract.js';

function databaseFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'pinbot-store-')), 'nested', 'pinbot.sqlite');
}

describeStoreContract('SqliteStore', () => {
  const file = databaseFile();
  return Promise.resolve({ open: (now) => Promise.resolve(new SqliteStore(file, now)) });
});

describe('SqliteStore', () => {
  const opened: SqliteStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('creates its folder and the current schema', () => {
    const store = new SqliteStore(databaseFile());
    opened.push(store);
    expect(store.schemaVersion).toBe(1);
  });

  it('refuses a database written by a newer pinbot', () => {
    const file = databaseFile();
    opened.push(new SqliteStore(file));
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new SqliteStore(file)).toThrow(/schema version 99, newer than this pinbot/);
  });

  it('works in memory', async () => {
    const store = new SqliteStore(':memory:');
    opened.push(store);
    expect(await store.claimAutoReply('t')).toBe(true);
  });
});
