// A multinomial naive Bayes model over the entries' own text. BM25 finds the
// phrasing a question resembles most; the classifier weighs every word of the
// question against every word written for a topic, which helps when a question
// matches no single phrasing well. It is trained by counting, and can learn a
// taught phrasing at any time.
import type { Topic } from './schema.js';
import { tokenize } from './tokenize.js';

export interface ClassifierWeights {
  phrasings: number;
  keywords: number;
  title: number;
  answer: number;
  levels: number;
  /** Additive smoothing of the word counts. */
  smoothing: number;
}

export const DEFAULT_CLASSIFIER_WEIGHTS: ClassifierWeights = {
  phrasings: 1,
  keywords: 2,
  title: 2,
  answer: 1,
  levels: 0.25,
  smoothing: 0.1,
};

/** Term counts per topic id: all the classifier needs to be rebuilt (snapshots store this). */
export type TermCounts = Record<string, Record<string, number>>;

interface Model {
  /** Per topic: the count total plus the smoothing spread over the vocabulary. */
  denominators: Float64Array;
  /** Log-probability rows computed so far (only terms that questions used). */
  rows: Map<string, Float64Array>;
}

export class TopicClassifier {
  private readonly ids: string[];
  private readonly counts: Map<string, number>[];
  private model: Model | undefined;

  constructor(
    ids: readonly string[],
    counts: TermCounts,
    private readonly weights: ClassifierWeights = DEFAULT_CLASSIFIER_WEIGHTS,
  ) {
    this.ids = [...ids];
    this.counts = this.ids.map((id) => new Map(Object.hasOwn(counts, id) ? Object.entries(counts[id] ?? {}) : []));
  }

  /**
   * Trains on the entries, plus classes that are only phrasings (the near misses
   * the router must recognise as not ours).
   */
  static train(
    topics: readonly Topic[],
    phrasingClasses: readonly { id: string; phrasings: readonly string[] }[] = [],
    weights = DEFAULT_CLASSIFIER_WEIGHTS,
  ): TopicClassifier {
    const counts: TermCounts = {};
    for (const topic of topics) counts[topic.id] = countTerms(topic, weights);
    for (const { id, phrasings } of phrasingClasses) {
      counts[id] = countPhrasings(phrasings, weights);
    }
    const ids = [...topics.map((topic) => topic.id), ...phrasingClasses.map(({ id }) => id)];
    return new TopicClassifier(ids, counts, weights);
  }

  /** The counts, for a snapshot. */
  toCounts(): TermCounts {
    return Object.fromEntries(this.ids.map((id, index) => [id, Object.fromEntries(this.counts[index] ?? [])]));
  }

  /** Learns one more phrasing for a topic (a moderator taught it). */
  learn(topicId: string, phrasing: string): void {
    const counts = this.counts[this.ids.indexOf(topicId)];
    if (!counts) return;
    for (const term of tokenize(phrasing)) counts.set(term, (counts.get(term) ?? 0) + this.weights.phrasings);
    this.model = undefined;
  }

  /** The share of topics whose text uses `term`: 0 for an unknown term, 1 for a term all use. */
  topicShare(term: string): number {
    let using = 0;
    for (const count of this.counts) if (count.has(term)) using++;
    return using / Math.max(1, this.counts.length);
  }

  /** Posterior probability per topic id, for the question's known terms. */
  classify(terms: readonly string[]): Map<string, number> {
    const model = (this.model ??= this.fit());
    const scores = new Float64Array(this.ids.length);
    let known = 0;
    for (const term of new Set(terms)) {
      const row = this.row(model, term);
      if (!row) continue;
      known++;
      for (let index = 0; index < scores.length; index++) scores[index] = (scores[index] ?? 0) + (row[index] ?? 0);
    }
    const posterior = new Map<string, number>();
    if (known === 0) return posterior;
    const max = Math.max(...scores);
    const exps = Array.from(scores, (score) => Math.exp(score - max));
    const sum = exps.reduce((total, value) => total + value, 0);
    this.ids.forEach((id, index) => posterior.set(id, (exps[index] ?? 0) / sum));
    return posterior;
  }

  private fit(): Model {
    const vocabulary = new Set(this.counts.flatMap((count) => [...count.keys()]));
    const spread = this.weights.smoothing * vocabulary.size;
    const denominators = Float64Array.from(
      this.counts,
      (count) => [...count.values()].reduce((sum, value) => sum + value, 0) + spread,
    );
    return { denominators, rows: new Map() };
  }

  /** log P(term | topic) for every topic, or undefined for a term no entry uses. */
  private row(model: Model, term: string): Float64Array | undefined {
    const cached = model.rows.get(term);
    if (cached) return cached;
    if (!this.counts.some((count) => count.has(term))) return undefined;
    const { smoothing } = this.weights;
    const row = Float64Array.from(this.counts, (count, index) =>
      Math.log(((count.get(term) ?? 0) + smoothing) / (model.denominators[index] ?? 1)),
    );
    model.rows.set(term, row);
    return row;
  }
}

function countTerms(topic: Topic, weights: ClassifierWeights): Record<string, number> {
  // A Map, not an object: terms such as "constructor" must not meet Object.prototype.
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  for (const phrasing of topic.phrasings) add(phrasing, weights.phrasings);
  for (const keyword of topic.keywords) add(keyword, weights.keywords);
  add(topic.title, weights.title);
  add(topic.answer, weights.answer);
  for (const level of Object.values(topic.levels)) add(level, weights.levels);
  return Object.fromEntries(counts);
}

function countPhrasings(phrasings: readonly string[], weights: ClassifierWeights): Record<string, number> {
  const counts = new Map<string, number>();
  for (const phrasing of phrasings) {
    for (const term of tokenize(phrasing)) counts.set(term, (counts.get(term) ?? 0) + weights.phrasings);
  }
  return Object.fromEntries(counts);
}
