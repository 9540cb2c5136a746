// A snapshot of the knowledge base, built by `npm run build`: the validated
// entries plus the router's index, so a start-up need not parse YAML or tokenize
// every entry. It is used only while its fingerprint matches the files in
// knowledge/, so an edited entry is never served stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEAR_MISS_FILE, type NearMissGroup } from './near-misses.js';
import type { Topic } from './schema.js';
import type { RouterState } from './search.js';

const FORMAT = 5;

export interface Snapshot {
  format: number;
  fingerprint: string;
  /** A hash of the router's own code when it was trained (see trainerFingerprint). */
  trainer?: string;
  topics: Topic[];
  nearMisses: NearMissGroup[];
  router: RouterState;
}

/** A hash of the name and content of every entry file and of the near misses. */
export function fingerprintOf(folder: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.md') || file === NEAR_MISS_FILE)
    .sort()) {
    hash.update(name).update('\0').update(readFileSync(join(folder, name))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * A hash of the files of the knowledge module itself (tokenizer, index, classifier and
 * their settings): a build whose entries and code are both unchanged need not train again.
 */
export function trainerFingerprint(): string {
  const folder = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(folder)
    .filter((file) => /\.(?:js|ts)$/.test(file))
    .sort()) {
    hash.update(name).update('\0').update(readFileSync(join(folder, name))).update('\0');
  }
  return hash.digest('hex');
}

/** Writes through a temporary file, so a reader never sees half a snapshot. */
export function writeSnapshot(file: string, snapshot: Omit<Snapshot, 'format'>): void {
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify({ format: FORMAT, ...snapshot }));
  renameSync(temporary, file);
}

/** The snapshot when it exists and matches `fingerprint`; undefined otherwise. */
export function readSnapshot(file: string, fingerprint: string): Snapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
    const fresh = snapshot.format === FORMAT && snapshot.fingerprint === fingerprint;
    return fresh && snapshot.topics && snapshot.nearMisses && snapshot.router
      ? (snapshot as Snapshot)
      : undefined;
  } catch {
    return undefined;
  }
}
