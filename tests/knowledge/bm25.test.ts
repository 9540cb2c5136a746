// The compact index must score exactly like MiniSearch, the library it replaces
// on the hot path: same documents, same fields and boosts, same BM25+ parameters.
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/knowledge/bm25.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';
import { DEFAULT_ROUTER_OPTIONS, documentsOf, FIELDS } from '../../src/knowledge/search.js';
import { tokenize } from '../../src/knowledge/tokenize.js';
import { minisearchReference } from '../helpers/minisearch-reference.js';

const docs = loadKnowledge(KNOWLEDGE_DIR).flatMap(documentsOf);
const boosts = FIELDS.map((field) => DEFAULT_ROUTER_OPTIONS.boosts[field]);

function buildBoth() {
  const ours = new Bm25Index(FIELDS);
  for (const doc of docs) ours.add(FIELDS.map((field) => tokenize(doc.fields[field] ?? '')));
  const library = minisearchReference(docs);
  return { ours, library };
}

const QUESTIONS = [
  'why do futures need to be pinned?',
  'Pin::new_unchecked on a stack future then mem::swap',
  'error[E0733]: recursion in an async fn requires boxing',
  'how do I store a Pin<Box<dyn Future>> in a struct field',
  'select! in a loop keeps restarting my sleep timer',
];

describe('Bm25Index', () => {
  const { ours, library } = buildBoth();

  it.each(QUESTIONS)('scores every document like MiniSearch: %s', (question) => {
    const terms = [...new Set(tokenize(question))];
    const scores = ours.score(terms, boosts);
    const expected = new Map(library.search(terms.join(' ')).map((hit) => [Number(hit.id), hit.score]));
    expect(expected.size).toBeGreaterThan(0);
    scores.forEach((score, doc) => {
      expect(score).toBeCloseTo(expected.get(doc) ?? 0, 9);
    });
  });

  it('round-trips through its state', () => {
    const copy = new Bm25Index(FIELDS, JSON.parse(JSON.stringify(ours.toState())) as ReturnType<typeof ours.toState>);
    const terms = tokenize(QUESTIONS[0]!);
    expect([...copy.score(terms, boosts)]).toEqual([...ours.score(terms, boosts)]);
  });

  it('scores a document added later', () => {
    const index = new Bm25Index(['text']);
    index.add([['alpha', 'beta']]);
    const doc = index.add([['gamma']]);
    expect(index.score(['gamma'], [1])[doc]).toBeGreaterThan(0);
    expect(index.score(['gamma'], [1])[0]).toBe(0);
  });
});
