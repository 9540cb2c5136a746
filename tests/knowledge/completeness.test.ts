// Completeness instead of a checklist: every required topic exists, every entry
// is valid and every link between entries resolves.
import { describe, expect, it } from 'vitest';
import { assertLinksResolve, loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';
import { requiredTopicIds, specPresent } from '../helpers/spec.js';

const topics = loadKnowledge(KNOWLEDGE_DIR);

describe('the knowledge base', () => {
  it.runIf(specPresent || process.env.CI === 'true')('has an entry for every topic id in the spec', () => {
    const required = requiredTopicIds();
    expect(required.length).toBeGreaterThanOrEqual(49);
    const ids = new Set(topics.map((topic) => topic.id));
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('links only to topics that exist', () => {
    expect(() => {
      assertLinksResolve(topics);
    }).not.toThrow();
  });

  it('marks every broken example with its fix, and every practical topic has a fixed pair', () => {
    const practical = topics.filter((topic) => topic.section === 'practice');
    const withoutPair = practical.filter(
      (topic) => !topic.examples.some((example) => example.expect !== 'compiles' && example.fix),
    );
    expect(withoutPair.map((topic) => topic.id)).toEqual([]);
  });

  it('gives every entry at least six phrasings and a source', () => {
    const thin = topics.filter((topic) => topic.phrasings.length < 6 || topic.sources.length === 0);
    expect(thin.map((topic) => topic.id)).toEqual([]);
  });
});
