// The Store port on PostgreSQL (node-postgres), for a DATABASE_URL of `postgres://`.
// Same tables as SQLite. The schema version lives in a one-row table, and migrations
// run under an advisory lock so two instances starting together cannot both apply one.
import pg from 'pg';
import type { AskedQuestion, QuestionStats, Store, TaughtPhrasing } from '../core/store.js';

/** Migration N brings the schema from version N to N + 1. Never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE question (
     id BIGSERIAL PRIMARY KEY,
     asked_at TIMESTAMPTZ NOT NULL,
     platform TEXT NOT NULL,
     question TEXT NOT NULL,
     topic TEXT,
     confidence DOUBLE PRECISION NOT NULL
   );
   CREATE INDEX question_asked_at ON question (asked_at);
   CREATE TABLE taught_phrasing (
     id BIGSERIAL PRIMARY KEY,
     topic TEXT NOT NULL,
     phrase TEXT NOT NULL,
     taught_by TEXT NOT NULL,
     taught_at TIMESTAMPTZ NOT NULL,
     UNIQUE (topic, phrase)
   );
   CREATE TABLE auto_reply (
     thread_key TEXT PRIMARY KEY,
     replied_at TIMESTAMPTZ NOT NULL
   );`,
];

/** Any constant shared by every pinbot: the key of the migration lock. */
const MIGRATION_LOCK = 0x70696e62;

export interface PostgresOptions {
  now?: () => Date;
  /** How long to wait for a connection before giving up (start-up must not hang). */
  connectTimeoutMs?: number;
}

/** How long /healthz waits for the database before reporting it unreachable. */
const PING_TIMEOUT_MS = 1000;

export class PostgresStore implements Store {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  /** Connects, brings the schema up to date, and fails fast when the server is unreachable. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      max: 4,
    });
    // An idle client that loses its server emits 'error'; unhandled, it would end the process.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, options.now ?? (() => new Date()));
    try {
      await store.migrate();
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** The schema version this database is at. */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT version FROM pinbot_schema',
    );
    return rows[0]?.version ?? 0;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS pinbot_schema (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM pinbot_schema');
      const from = rows[0]?.version ?? 0;
      if (rows.length === 0) await client.query('INSERT INTO pinbot_schema VALUES (0)');
      if (from > MIGRATIONS.length) {
        throw new Error(
          `the database is at schema version ${from}, newer than this pinbot (${MIGRATIONS.length}); upgrade pinbot`,
        );
      }
      for (const [offset, sql] of MIGRATIONS.slice(from).entries()) {
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('UPDATE pinbot_schema SET version = $1', [from + offset + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async recordQuestion(asked: AskedQuestion): Promise<void> {
    await this.pool.query(
      'INSERT INTO question (asked_at, platform, question, topic, confidence) VALUES ($1, $2, $3, $4, $5)',
      [this.now(), asked.platform, asked.question, asked.topic, asked.confidence],
    );
  }

  async questionStats({ days, limit }: { days: number; limit: number }): Promise<QuestionStats> {
    const since = new Date(this.now().getTime() - days * 86_400_000);
    const totals = await this.pool.query<{ asked: number; answered: number }>(
      'SELECT COUNT(*)::int AS asked, COUNT(topic)::int AS answered FROM question WHERE asked_at >= $1',
      [since],
    );
    const topTopics = await this.pool.query<{ topic: string; count: number }>(
      `SELECT topic, COUNT(*)::int AS count FROM question
       WHERE asked_at >= $1 AND topic IS NOT NULL
       GROUP BY topic ORDER BY count DESC, topic LIMIT $2`,
      [since, limit],
    );
    // The same question asked twice is one line; case and spacing do not make it new.
    const unanswered = await this.pool.query<{ question: string; count: number; last: Date }>(
      `SELECT MIN(question) AS question, COUNT(*)::int AS count, MAX(asked_at) AS last
       FROM question WHERE asked_at >= $1 AND topic IS NULL
       GROUP BY lower(trim(question)) ORDER BY count DESC, last DESC LIMIT $2`,
      [since, limit],
    );
    return {
      days,
      asked: totals.rows[0]?.asked ?? 0,
      answered: totals.rows[0]?.answered ?? 0,
      topTopics: topTopics.rows,
      unanswered: unanswered.rows.map(({ question, count, last }) => ({
        question,
        count,
        lastAsked: last.toISOString(),
      })),
    };
  }

  async addPhrasing({
    topic,
    phrase,
    taughtBy,
  }: TaughtPhrasing & { taughtBy: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO taught_phrasing (topic, phrase, taught_by, taught_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (topic, phrase) DO NOTHING`,
      [topic, phrase, taughtBy, this.now()],
    );
  }

  async phrasings(): Promise<TaughtPhrasing[]> {
    const { rows } = await this.pool.query<TaughtPhrasing>(
      'SELECT topic, phrase FROM taught_phrasing ORDER BY id',
    );
    return rows;
  }

  async claimAutoReply(threadKey: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO auto_reply (thread_key, replied_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [threadKey, this.now()],
    );
    return rowCount === 1;
  }

  async ping(): Promise<boolean> {
    if (this.pool.ended) return false;
    // A health check must answer quickly even when the server hangs instead of refusing.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, PING_TIMEOUT_MS);
    });
    const query = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
