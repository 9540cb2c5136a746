// Opens the store named by DATABASE_URL: a `postgres://` URL, or a SQLite file path
// (`./data/pinbot.sqlite`, or the same as a `sqlite:` / `file:` URL).
import type { Store } from '../core/store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';

export function openStore(databaseUrl: string): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return PostgresStore.open(databaseUrl);
  return Promise.resolve(new SqliteStore(sqlitePathOf(databaseUrl)));
}

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(databaseUrl);
}

/** The file path inside a SQLite DATABASE_URL. */
export function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.replace(/^(?:sqlite|file):(?:\/\/)?/i, '');
  return path.length > 0 ? path : ':memory:';
}
