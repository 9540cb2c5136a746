// The test server from the global setup (postgres-server.ts), when there is one, and a
// schema of its own for each test so tests never see each other's rows.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const postgresServerUrl: string | null = inject('postgresUrl');

/** A DATABASE_URL whose tables land in a new, empty schema. */
export async function freshPostgresUrl(): Promise<string> {
  if (!postgresServerUrl) throw new Error('no PostgreSQL server for the tests');
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresServerUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
