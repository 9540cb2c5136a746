// `pinbot serve` without platform credentials: the console, backed by a real SQLite file
// and, when the tests have a server, a real PostgreSQL database.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/io.js';
import { freshPostgresUrl, postgresServerUrl } from '../helpers/postgres.js';

const PHRASE = 'my quux reactor keeps zorblaxing the flange';
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

async function serve(databaseUrl: string, lines: string[]) {
  process.env = { ...saved, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
  for (const name of ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN'])
    Reflect.deleteProperty(process.env, name);
  const io = captureIo(lines.join('\n') + '\n');
  const code = await main(['serve'], io);
  return { code, out: io.out(), err: io.err() };
}

const databases = [
  {
    name: 'SQLite',
    url: () => Promise.resolve(join(mkdtempSync(join(tmpdir(), 'pinbot-serve-')), 'pinbot.sqlite')),
  },
  ...(postgresServerUrl ? [{ name: 'PostgreSQL', url: freshPostgresUrl }] : []),
];

describe('pinbot serve (console)', () => {
  it.each(databases)(
    'remembers what a moderator taught and what was asked, across restarts ($name)',
    async ({ url }) => {
      const database = await url();
      const first = await serve(database, [
        `/pin teach pin-set ${PHRASE}`,
        'best pizza in town?',
        'exit',
      ]);
      expect(first.code).toBe(0);
      expect(first.out).toContain('Phrasing learned');

      const second = await serve(database, [PHRASE, '/pin stats', 'exit']);
      expect(second.code).toBe(0);
      expect(second.out).toContain('Replacing a pinned value');
      expect(second.out).toContain('2 questions, 1 answered');
      expect(second.out).toMatch(/best pizza in town\?/);
    },
  );

  it('stops with one line naming DATABASE_URL when it cannot be used', async () => {
    const postgres = await serve('postgres://pinbot:hunter22@127.0.0.1:1/pinbot', ['exit']);
    expect(postgres.code).toBe(2);
    expect(postgres.err.trim().split('\n')).toHaveLength(1);
    expect(postgres.err).toMatch(/^pinbot: invalid configuration: DATABASE_URL cannot be opened/);
    expect(postgres.err).not.toContain('hunter22');

    const malformed = await serve('postgres://pinbot@db:notaport/pinbot', ['exit']);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(
      /^pinbot: invalid configuration: DATABASE_URL is not a valid postgres/,
    );

    const folder = mkdtempSync(join(tmpdir(), 'pinbot-serve-'));
    mkdirSync(join(folder, 'taken'));
    const directory = await serve(join(folder, 'taken'), ['exit']);
    expect(directory.code).toBe(2);
    expect(directory.err).toMatch(/^pinbot: invalid configuration: DATABASE_URL cannot be opened/);
  });
});
