// The body of GET /healthz: each running adapter and whether it is connected, and
// whether the database answers.

export interface AdapterHealth {
  connected: boolean;
}

export interface StorageHealth {
  reachable: boolean;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  adapters: Record<string, AdapterHealth>;
  storage?: StorageHealth;
}

export function healthBody(
  adapters: Record<string, AdapterHealth>,
  storage?: StorageHealth,
): HealthReport {
  const connected = Object.values(adapters).every((adapter) => adapter.connected);
  const healthy = connected && (storage?.reachable ?? true);
  return { status: healthy ? 'ok' : 'degraded', adapters, ...(storage ? { storage } : {}) };
}
