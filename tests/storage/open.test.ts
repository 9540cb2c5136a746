import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStore, sqlitePathOf } from '../../src/storage/open.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

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

describe('openStore', () => {
  it('tells a postgres URL from a SQLite path', () => {
    expect(isPostgresUrl('postgres://u:p@db/pinbot')).toBe(true);
    expect(isPostgresUrl('postgresql://db/pinbot')).toBe(true);
    expect(isPostgresUrl('./postgres.sqlite')).toBe(false);
  });

  it('opens SQLite for a path', async () => {
    const store = await openStore('sqlite:');
    expect(store).toBeInstanceOf(SqliteStore);
    await store.close();
  });

  it('rejects, without hanging, when the postgres server is unreachable', async () => {
    await expect(openStore('postgres://pinbot:secret@127.0.0.1:1/pinbot')).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
