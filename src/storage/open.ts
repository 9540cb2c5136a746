// Opens the store named by DATABASE_URL: a SQLite file path (`./data/pinbot.sqlite`),
// or the same as a `sqlite:` / `file:` URL.
import type { Store } from '../core/store.js';
import { SqliteStore } from './sqlite-store.js';

export function openStore(databaseUrl: string): Store {
  return new SqliteStore(sqlitePathOf(databaseUrl));
}

/** The file path inside a DATABASE_URL; the config has already refused other schemes. */
export function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.replace(/^(?:sqlite|file):(?:\/\/)?/i, '');
  return path.length > 0 ? path : ':memory:';
}
