// Reads knowledge/*.md into validated topics. A bad file fails loudly with its
// path and the offending field: a broken entry must never ship silently.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { frontmatterSchema, LEVELS, type Level, type Topic } from './schema.js';

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'KnowledgeError';
  }
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const LEVEL_HEADING = /^##\s+(beginner|practitioner|implementer)\s*$/gim;

/** Parses one entry's text; `file` only names it in errors. */
export function parseEntry(text: string, file: string): Topic {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new KnowledgeError(file, 'frontmatter', 'the file must start with a --- block');
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new KnowledgeError(file, 'frontmatter', `invalid YAML: ${(error as Error).message}`);
  }
  const parsed = frontmatterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'frontmatter';
    throw new KnowledgeError(file, field, issue?.message ?? 'invalid');
  }
  const stem = file.replace(/\.md$/, '').split(/[\\/]/).pop();
  if (parsed.data.id !== stem) {
    throw new KnowledgeError(file, 'id', `"${parsed.data.id}" must match the file name "${stem}"`);
  }
  return { ...parsed.data, levels: parseLevels(match[2] ?? '', file), file };
}

function parseLevels(body: string, file: string): Record<Level, string> {
  const found = new Map<Level, string>();
  const headings = [...body.matchAll(LEVEL_HEADING)];
  headings.forEach((heading, index) => {
    const level = (heading[1] ?? '').toLowerCase() as Level;
    const start = heading.index + heading[0].length;
    const end = headings[index + 1]?.index ?? body.length;
    found.set(level, body.slice(start, end).trim());
  });
  const levels = {} as Record<Level, string>;
  for (const level of LEVELS) {
    const text = found.get(level);
    if (!text || text.length < 40) {
      throw new KnowledgeError(file, `## ${capitalise(level)}`, 'missing or shorter than 40 characters');
    }
    levels[level] = text;
  }
  return levels;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Loads every entry in a folder, sorted by id; duplicate ids are an error. */
export function loadKnowledge(folder: string): Topic[] {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort();
  const topics = files.map((name) => parseEntry(readFileSync(join(folder, name), 'utf8'), name));
  const seen = new Set<string>();
  for (const topic of topics) {
    if (seen.has(topic.id)) throw new KnowledgeError(topic.file, 'id', `duplicate id ${topic.id}`);
    seen.add(topic.id);
  }
  return topics;
}

/** Every `related` id must name a loaded topic. Separate so a partial folder can still be read. */
export function assertLinksResolve(topics: Topic[]): void {
  const ids = new Set(topics.map((topic) => topic.id));
  for (const topic of topics) {
    const unknown = topic.related.find((id) => !ids.has(id));
    if (unknown) throw new KnowledgeError(topic.file, 'related', `unknown topic id ${unknown}`);
  }
}
