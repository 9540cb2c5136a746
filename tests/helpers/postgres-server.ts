// Vitest global setup: a throwaway PostgreSQL server on 127.0.0.1 for the store tests,
// started from the machine's own binaries (initdb, pg_ctl) in a temporary folder and
// removed afterwards. PINBOT_TEST_POSTGRES_URL points the tests at an existing server
// instead. Without either the Postgres tests are skipped, unless PINBOT_REQUIRE_POSTGRES=1
// (CI), which makes a missing server a failure.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where tests may create schemas, or null when none is available. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.PINBOT_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const bin = postgresBinaries();
  if (!bin) {
    if (process.env.PINBOT_REQUIRE_POSTGRES === '1') {
      throw new Error('PINBOT_REQUIRE_POSTGRES=1 but no initdb was found (install postgresql)');
    }
    project.provide('postgresUrl', null);
    return undefined;
  }
  const server = await startServer(bin);
  project.provide('postgresUrl', server.url);
  return server.stop;
}

/** The folder holding initdb and pg_ctl: on PATH, or Debian's newest version. */
function postgresBinaries(): string | null {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl')))
      return folder;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(debian, versions[0], 'bin') : null;
}

async function startServer(bin: string): Promise<{ url: string; stop: () => void }> {
  const folder = mkdtempSync(join(tmpdir(), 'pinbot-postgres-'));
  const data = join(folder, 'data');
  // PostgreSQL refuses to run as root: hand the folder to the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    try {
      execFileSync(file, argv, { stdio: 'pipe' });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
      throw new Error(`${command} failed: ${stderr || (error as Error).message}`);
    }
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, uid, gid);
    chmodSync(folder, 0o700);
  }
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'pinbot', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const settings = `-p ${String(port)} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
    run('pg_ctl', ['-D', data, '-o', settings, '-l', join(folder, 'log'), '-w', 'start']);
    return { url: `postgres://pinbot@127.0.0.1:${String(port)}/postgres`, stop };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
