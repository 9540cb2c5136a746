import { describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/app/health.js';
import { healthBody } from '../../src/core/health.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

describe('the health server', () => {
  it('reports the database unreachable, and the bot degraded, once the store is gone', async () => {
    const store = new SqliteStore(':memory:');
    const report = async () =>
      healthBody({ discord: { connected: true } }, { reachable: await store.ping() });
    const server = await startHealthServer(0, report);
    const url = `http://127.0.0.1:${String(server.port)}/healthz`;
    try {
      expect(await (await fetch(url)).json()).toMatchObject({
        status: 'ok',
        storage: { reachable: true },
      });
      await store.close();
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'degraded',
        adapters: { discord: { connected: true } },
        storage: { reachable: false },
      });
    } finally {
      await server.close();
    }
  });

  it('answers 500, and keeps serving, when a report fails', async () => {
    let fail = true;
    const server = await startHealthServer(0, () =>
      fail ? Promise.reject(new Error('boom')) : Promise.resolve(healthBody({})),
    );
    const url = `http://127.0.0.1:${String(server.port)}/healthz`;
    try {
      expect((await fetch(url)).status).toBe(500);
      fail = false;
      expect(await (await fetch(url)).json()).toEqual({ status: 'ok', adapters: {} });
    } finally {
      await server.close();
    }
  });
});
