// Bolt's own log lines, sent to our logger (pino behind the core Logger port),
// with anything shaped like a token hidden.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import { scrubSecrets } from './errors.js';

function line(parts: unknown[]): string {
  return scrubSecrets(
    parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (part instanceof Error) return `${part.name}: ${part.message}`;
        try {
          return JSON.stringify(part);
        } catch {
          return String(part);
        }
      })
      .join(' '),
  );
}

export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: (...parts: unknown[]) => {
      logger.debug({ source: name }, line(parts));
    },
    info: (...parts: unknown[]) => {
      logger.info({ source: name }, line(parts));
    },
    warn: (...parts: unknown[]) => {
      logger.warn({ source: name }, line(parts));
    },
    error: (...parts: unknown[]) => {
      logger.error({ source: name }, line(parts));
    },
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
