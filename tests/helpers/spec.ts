// Reads the shared spec that sits beside the repository (../shared/spec).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const specPresent = existsSync(`${SHARED_DIR}spec/topics.md`);

/** The topic ids of the spec's tables, in order. */
export function requiredTopicIds(): string[] {
  const text = readFileSync(`${SHARED_DIR}spec/topics.md`, 'utf8');
  return [...text.matchAll(/^\| ([a-z0-9]+(?:-[a-z0-9]+)*) \|/gm)]
    .map((match) => match[1] ?? '')
    .filter((id) => id !== 'id');
}
