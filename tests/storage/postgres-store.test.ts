import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/storage/postgres-store.js';
import { freshPostgresUrl, postgresServerUrl } from '../helpers/postgres.js';
import { describeStoreContract } from '../helpers/store-contract.js';

describe.runIf(postgresServerUrl)('PostgresStore', () => {
  describeStoreContract('PostgresStore', async () => {
    const url = await freshPostgresUrl();
    return { open: (now) => PostgresStore.open(url, { now }) };
  });

  it('creates the current schema once, also when two instances start together', async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    expect(await stores[0].schemaVersion()).toBe(1);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('refuses a database written by a newer pinbot', async () => {
    const url = await freshPostgresUrl();
    await (await PostgresStore.open(url)).close();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query('UPDATE pinbot_schema SET version = 99');
    await raw.end();
    await expect(PostgresStore.open(url)).rejects.toThrow(
      /schema version 99, newer than this pinbot/,
    );
  });
});
