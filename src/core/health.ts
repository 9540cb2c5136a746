// The body of GET /healthz: each running adapter and whether it is connected.

export interface AdapterHealth {
  connected: boolean;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  adapters: Record<string, AdapterHealth>;
}

export function healthBody(adapters: Record<string, AdapterHealth>): HealthReport {
  const all = Object.values(adapters).every((adapter) => adapter.connected);
  return { status: all ? 'ok' : 'degraded', adapters };
}
