// Real knowledge base, recording logger, and a checker that records what it was
// asked (the real analyser has its own tests; commands only need the port).
import type { Checker, CheckResult } from '../../src/core/check.js';
import type { Logger, Services } from '../../src/core/ports.js';
import type { CommandContext } from '../../src/core/command.js';
import { createKnowledgeBase } from '../../src/knowledge/index.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  object: object;
  message?: string | undefined;
}

export function recordingLogger(records: LogRecord[] = []): Logger & { records: LogRecord[] } {
  const log = (level: LogRecord['level']) => (object: object, message?: string) => {
    records.push({ level, object, message });
  };
  const logger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  } satisfies Logger;
  return { ...logger, records };
}

export function recordingChecker(result: CheckResult): Checker & { seen: string[] } {
  const seen: string[] = [];
  const checker = {
    check(text: string) {
      seen.push(text);
      return result;
    },
  } satisfies Checker;
  return { ...checker, seen };
}

const knowledge = createKnowledgeBase();

/** Each call gets its own in-memory SQLite database, and a knowledge base nobody taught. */
export function testServices(overrides: Partial<Services> = {}): Services {
  return {
    knowledge,
    checker: recordingChecker({ verdict: 'ok', findings: [] }),
    store: new SqliteStore(':memory:'),
    logger: recordingLogger(),
    ...overrides,
  };
}

export function testContext(
  overrides: Partial<Services> = {},
  isModerator = false,
): CommandContext {
  return {
    services: testServices(overrides),
    actor: { id: 'u1', displayName: 'tester', isModerator, platform: 'console' },
  };
}
