import { describe, expect, it } from 'vitest';
import { KnowledgeError, parseEntry } from '../../src/knowledge/load.js';

const GOOD_FRONTMATTER = `id: sample-topic
title: A sample topic
section: types
answer: A short answer that is long enough to pass the schema check.
phrasings:
  - first way people ask this
  - second way people ask this
  - third way people ask this
  - fourth way people ask this
  - fifth way people ask this
  - sixth way people ask this
sources:
  - title: std::pin
    url: https://doc.rust-lang.org/std/pin/index.html`;

const GOOD_BODY = `
## Beginner
A beginner explanation that is comfortably longer than forty characters.

## Practitioner
A practitioner explanation that is comfortably longer than forty characters.

## Implementer
An implementer explanation that is comfortably longer than forty characters.
`;

function entry(frontmatter = GOOD_FRONTMATTER, body = GOOD_BODY): string {
  return `---\n${frontmatter}\n---\n${body}`;
}

function failure(text: string, file = 'sample-topic.md'): KnowledgeError {
  try {
    parseEntry(text, file);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error('expected the entry to be rejected');
}

describe('parseEntry', () => {
  it('reads the frontmatter and the three levels', () => {
    const topic = parseEntry(entry(), 'sample-topic.md');
    expect(topic.id).toBe('sample-topic');
    expect(topic.levels.practitioner).toMatch(/^A practitioner explanation/);
    expect(topic.examples).toEqual([]);
  });

  it('names the file and the field when a field is missing', () => {
    const error = failure(entry(GOOD_FRONTMATTER.replace(/^answer: .*$/m, '')));
    expect(error.file).toBe('sample-topic.md');
    expect(error.field).toBe('answer');
  });

  it('rejects an id that differs from the file name', () => {
    expect(failure(entry(), 'other-name.md').field).toBe('id');
  });

  it('rejects an entry with fewer than six phrasings', () => {
    const fewer = GOOD_FRONTMATTER.replace('  - sixth way people ask this\n', '');
    expect(failure(entry(fewer)).field).toBe('phrasings');
  });

  it('rejects a missing level section', () => {
    const body = GOOD_BODY.replace(/## Implementer[\s\S]*$/, '');
    expect(failure(entry(GOOD_FRONTMATTER, body)).field).toBe('## Implementer');
  });

  it('rejects a broken example that names no fix', () => {
    const withExample = `${GOOD_FRONTMATTER}
examples:
  - name: broken
    title: A broken example
    expect: error
    error_code: E0277
    code: fn main() {}`;
    expect(failure(entry(withExample)).field).toBe('examples.0.fix');
  });

  it('rejects invalid YAML with a readable message', () => {
    expect(failure(entry('id: [unclosed')).field).toBe('frontmatter');
  });

  it('rejects a file without frontmatter', () => {
    expect(failure('# just a heading\n').field).toBe('frontmatter');
  });
});
