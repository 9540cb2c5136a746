// Questions the bot must not answer although they share words with pinning: other
// meanings of "pin" and Rust or async questions about something else. The router
// learns them as extra classes, so "tokio spawn_blocking stalls" finds its real
// neighbours instead of the closest pinning topic. Optional: a folder without the
// file simply has no near misses.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './load.js';

export const NEAR_MISS_FILE = 'near-misses.yaml';

const groupSchema = z
  .object({
    /** For another meaning of "pin": the words the bot uses to name it. */
    meaning: z.string().min(3).max(120).optional(),
    /** For a Rust or async subject that is not pinning: a short label. */
    topic: z.string().min(3).max(120).optional(),
    questions: z.array(z.string().min(3).max(500)).min(3),
  })
  .strict()
  .refine((group) => (group.meaning === undefined) !== (group.topic === undefined), {
    message: 'a group has either a meaning or a topic',
  });

const fileSchema = z.object({ groups: z.array(groupSchema).min(1) }).strict();

export interface NearMissGroup {
  /** The router's class id for the group: never a topic id (those are kebab-case words). */
  id: string;
  /** Set for another meaning of "pin"; null for an unrelated Rust or async subject. */
  meaning: string | null;
  questions: string[];
}

/** The class id of the group at `index`. */
export function nearMissId(index: number): string {
  return `~near-miss-${index}`;
}

export function isNearMissId(id: string): boolean {
  return id.startsWith('~near-miss-');
}

export function parseNearMisses(text: string, file: string): NearMissGroup[] {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new KnowledgeError(file, 'groups', `invalid YAML: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'groups';
    throw new KnowledgeError(file, field, issue?.message ?? 'invalid');
  }
  return parsed.data.groups.map((group, index) => ({
    id: nearMissId(index),
    meaning: group.meaning ?? null,
    questions: group.questions,
  }));
}

/** The near misses of a knowledge folder, or none when it has no such file. */
export function loadNearMisses(folder: string): NearMissGroup[] {
  const path = join(folder, NEAR_MISS_FILE);
  if (!existsSync(path)) return [];
  return parseNearMisses(readFileSync(path, 'utf8'), NEAR_MISS_FILE);
}
