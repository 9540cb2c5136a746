// The Store port on SQLite (better-sqlite3). The schema is versioned with
// `PRAGMA user_version`, and each migration runs once, in a transaction.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AskedQuestion, QuestionStats, Store, TaughtPhrasing } from '../core/store.js';

/** Migration N brings the schema from version N to N + 1. Never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE question (
     id INTEGER PRIMARY KEY,
     asked_at TEXT NOT NULL,
     platform TEXT NOT NULL,
     question TEXT NOT NULL,
     topic TEXT,
     confidence REAL NOT NULL
   );
   CREATE INDEX question_asked_at ON question (asked_at);
   CREATE TABLE taught_phrasing (
     id INTEGER PRIMARY KEY,
     topic TEXT NOT NULL,
     phrase TEXT NOT NULL,
     taught_by TEXT NOT NULL,
     taught_at TEXT NOT NULL,
     UNIQUE (topic, phrase)
   );
   CREATE TABLE auto_reply (
     thread_key TEXT PRIMARY KEY,
     replied_at TEXT NOT NULL
   );`,
];

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  /** `path` is a file (its folder is created) or `:memory:`. */
  constructor(
    path: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL lets a reader (stats) run while the bot writes; NORMAL is durable enough in WAL.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    this.migrate();
  }

  /** The schema version this database is at. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const from = this.schemaVersion;
    if (from > MIGRATIONS.length) {
      throw new Error(
        `the database is at schema version ${from}, newer than this pinbot (${MIGRATIONS.length}); upgrade pinbot`,
      );
    }
    MIGRATIONS.slice(from).forEach((sql, offset) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${from + offset + 1}`);
      })();
    });
  }

  recordQuestion(asked: AskedQuestion): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO question (asked_at, platform, question, topic, confidence) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          this.now().toISOString(),
          asked.platform,
          asked.question,
          asked.topic,
          asked.confidence,
        );
    });
  }

  questionStats(options: { days: number; limit: number }): Promise<QuestionStats> {
    return settle(() => this.readStats(options));
  }

  private readStats({ days, limit }: { days: number; limit: number }): QuestionStats {
    const since = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    const totals = this.db
      .prepare(
        'SELECT COUNT(*) AS asked, COUNT(topic) AS answered FROM question WHERE asked_at >= ?',
      )
      .get(since) as { asked: number; answered: number };
    const topTopics = this.db
      .prepare(
        `SELECT topic, COUNT(*) AS count FROM question
         WHERE asked_at >= ? AND topic IS NOT NULL
         GROUP BY topic ORDER BY count DESC, topic LIMIT ?`,
      )
      .all(since, limit) as { topic: string; count: number }[];
    // The same question asked twice is one line; case and spacing do not make it new.
    const unanswered = this.db
      .prepare(
        `SELECT MIN(question) AS question, COUNT(*) AS count, MAX(asked_at) AS lastAsked
         FROM question WHERE asked_at >= ? AND topic IS NULL
         GROUP BY lower(trim(question)) ORDER BY count DESC, lastAsked DESC LIMIT ?`,
      )
      .all(since, limit) as { question: string; count: number; lastAsked: string }[];
    return { days, ...totals, topTopics, unanswered };
  }

  addPhrasing({ topic, phrase, taughtBy }: TaughtPhrasing & { taughtBy: string }): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO taught_phrasing (topic, phrase, taught_by, taught_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (topic, phrase) DO NOTHING`,
        )
        .run(topic, phrase, taughtBy, this.now().toISOString());
    });
  }

  phrasings(): Promise<TaughtPhrasing[]> {
    return settle(
      () =>
        this.db
          .prepare('SELECT topic, phrase FROM taught_phrasing ORDER BY id')
          .all() as TaughtPhrasing[],
    );
  }

  claimAutoReply(threadKey: string): Promise<boolean> {
    return settle(() => {
      const result = this.db
        .prepare(
          'INSERT INTO auto_reply (thread_key, replied_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
        )
        .run(threadKey, this.now().toISOString());
      return result.changes === 1;
    });
  }

  ping(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** better-sqlite3 is synchronous: its exceptions become rejections, as the port promises. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
