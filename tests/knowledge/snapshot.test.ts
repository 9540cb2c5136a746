import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, knowledgeBaseOf, loadCorpus } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';
import { fingerprintOf, readSnapshot } from '../../src/knowledge/snapshot.js';

function copyOfKnowledge(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pinbot-knowledge-'));
  for (const name of readdirSync(KNOWLEDGE_DIR)) copyFileSync(join(KNOWLEDGE_DIR, name), join(folder, name));
  return folder;
}

describe('the knowledge snapshot', () => {
  const folder = copyOfKnowledge();
  const file = join(folder, 'snapshot.json');
  const first = buildSnapshot(folder, file);

  it('is read back while the entries are unchanged', () => {
    expect(readSnapshot(file, fingerprintOf(folder))?.topics.length).toBe(loadKnowledge(folder).length);
  });

  it('routes exactly like a knowledge base built from the files', () => {
    const snapshot = readSnapshot(file, fingerprintOf(folder))!;
    const fromSnapshot = knowledgeBaseOf(snapshot, {}, snapshot.router);
    const fromFiles = knowledgeBaseOf(loadCorpus(folder));
    for (const question of ['why do futures need to be pinned?', 'pin! vs Box::pin', 'what is E0733']) {
      expect(fromSnapshot.route(question)).toEqual(fromFiles.route(question));
    }
  });

  it('is trained by the first build and kept by a build of the same entries and code', () => {
    expect(first).toEqual({ topics: loadKnowledge(folder).length, trained: true });
    const before = statSync(file).mtimeMs;
    expect(buildSnapshot(folder, file).trained).toBe(false);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('is ignored once any entry changes', () => {
    appendFileSync(join(folder, 'pin-set.md'), '\nOne more line.\n');
    expect(readSnapshot(file, fingerprintOf(folder))).toBeUndefined();
  });

  it('is ignored when the file is missing or corrupt', () => {
    expect(readSnapshot(join(folder, 'nope.json'), 'x')).toBeUndefined();
    expect(readSnapshot(join(folder, 'pin-set.md'), 'x')).toBeUndefined();
  });
});
