import { describe, expect, it } from 'vitest';
import { healthBody } from '../../src/core/health.js';

describe('healthBody', () => {
  it('is ok when every adapter is connected and the database answers', () => {
    expect(healthBody({ slack: { connected: true } }, { reachable: true })).toEqual({
      status: 'ok',
      adapters: { slack: { connected: true } },
      storage: { reachable: true },
    });
  });

  it('is degraded when an adapter is disconnected', () => {
    expect(healthBody({ discord: { connected: false }, slack: { connected: true } }).status).toBe(
      'degraded',
    );
  });

  it('is degraded when the database does not answer, though every adapter is connected', () => {
    expect(healthBody({ discord: { connected: true } }, { reachable: false })).toEqual({
      status: 'degraded',
      adapters: { discord: { connected: true } },
      storage: { reachable: false },
    });
  });
});
