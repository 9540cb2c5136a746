// Question routing: from free text to the best knowledge entry, with a confidence,
// up to three alternatives, and an honest abstention. BM25+ retrieval (MiniSearch)
// over two kinds of documents per topic: each phrasing on its own (what people ask)
// and a profile (title, keywords, short answer, explanations).
import MiniSearch from 'minisearch';
import type { Abstention, Route } from '../core/ports.js';
import type { Topic } from './schema.js';
import { hasRustPinEvidence, recogniseOtherMeaning } from './senses.js';
import { tokenize } from './tokenize.js';

interface IndexedDoc {
  id: string;
  topic: string;
  kind: 'phrasing' | 'profile';
  title: string;
  keywords: string;
  text: string;
}

export interface RouterOptions {
  /** Weight of the best-matching phrasing against the profile document. */
  phrasingWeight: number;
  profileWeight: number;
  /** Below this calibrated confidence the router abstains. */
  minConfidence: number;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = {
  phrasingWeight: 1,
  profileWeight: 0.6,
  minConfidence: 0.35,
};

export interface RankedTopic {
  id: string;
  score: number;
}

export class Router {
  private readonly index: MiniSearch<IndexedDoc>;

  constructor(
    topics: readonly Topic[],
    private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS,
  ) {
    this.index = new MiniSearch<IndexedDoc>({
      fields: ['title', 'keywords', 'text'],
      storeFields: ['topic', 'kind'],
      tokenize,
      processTerm: (term) => term,
      searchOptions: { boost: { keywords: 2, title: 1.5, text: 1 }, tokenize, processTerm: (term) => term },
    });
    this.index.addAll(topics.flatMap(documentsOf));
  }

  /** Topics ranked by combined score, best first. */
  rank(question: string): RankedTopic[] {
    const best = new Map<string, { phrasing: number; profile: number }>();
    for (const hit of this.index.search(question, { combineWith: 'OR' })) {
      const topic = String(hit['topic']);
      const entry = best.get(topic) ?? { phrasing: 0, profile: 0 };
      if (hit['kind'] === 'phrasing') entry.phrasing = Math.max(entry.phrasing, hit.score);
      else entry.profile = Math.max(entry.profile, hit.score);
      best.set(topic, entry);
    }
    const { phrasingWeight, profileWeight } = this.options;
    return [...best.entries()]
      .map(([id, s]) => ({ id, score: phrasingWeight * s.phrasing + profileWeight * s.profile }))
      .sort((a, b) => b.score - a.score);
  }

  route(question: string): Route {
    const meaning = recogniseOtherMeaning(question);
    const ranked = this.rank(question);
    const confidence = meaning ? 0 : calibrate(question, ranked);
    const top = ranked[0];
    const alternatives = ranked.slice(1, 4).map((candidate) => candidate.id);
    if (top && confidence >= this.options.minConfidence) {
      return { topic: top.id, confidence, alternatives, abstention: null };
    }
    return {
      topic: null,
      confidence,
      alternatives: meaning ? [] : ranked.slice(0, 3).map((candidate) => candidate.id),
      abstention: abstentionFor(meaning, question, ranked),
    };
  }
}

function abstentionFor(meaning: string | null, question: string, ranked: RankedTopic[]): Abstention {
  if (meaning) return { reason: 'other-meaning', meaning };
  if (!hasRustPinEvidence(question) || ranked.length === 0) return { reason: 'off-topic' };
  return { reason: 'not-confident', guesses: ranked.slice(0, 3).map((candidate) => candidate.id) };
}

/**
 * Maps raw BM25 scores to 0..1. Raw scores grow with question length, so the top
 * score is taken per query term; the margin over the runner-up adds certainty, and
 * explicit Rust-pinning vocabulary adds evidence that the question is in scope.
 */
function calibrate(question: string, ranked: RankedTopic[]): number {
  const top = ranked[0];
  if (!top) return 0;
  const terms = Math.max(1, new Set(tokenize(question)).size);
  const perTerm = top.score / Math.sqrt(terms);
  const second = ranked[1]?.score ?? 0;
  const margin = top.score > 0 ? (top.score - second) / top.score : 0;
  const evidence = hasRustPinEvidence(question) ? 1 : 0;
  const z = -3 + 0.35 * perTerm + 1.5 * margin + 1.6 * evidence;
  return Number((1 / (1 + Math.exp(-z))).toFixed(3));
}

function documentsOf(topic: Topic): IndexedDoc[] {
  const phrasings = topic.phrasings.map(
    (text, index): IndexedDoc => ({
      id: `${topic.id}#${index}`,
      topic: topic.id,
      kind: 'phrasing',
      title: '',
      keywords: '',
      text,
    }),
  );
  const profile: IndexedDoc = {
    id: `${topic.id}#profile`,
    topic: topic.id,
    kind: 'profile',
    title: topic.title,
    keywords: topic.keywords.join(' \n '),
    text: [topic.answer, topic.analogy?.text ?? ''].join('\n'),
  };
  return [...phrasings, profile];
}
