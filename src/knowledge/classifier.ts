// A multinomial naive Bayes model over the entries' own text. BM25 finds the
// phrasing a question resembles most; the classifier weighs every word of the
// question against every word written for a topic, which helps when a question
// matches no single phrasing well. Trained at start-up by counting (a few ms).
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

export class TopicClassifier {
  private readonly ids: string[];
  private readonly logProbability: Map<string, Float64Array>;
  private readonly unseen: Float64Array;

  constructor(topics: readonly Topic[], weights: ClassifierWeights = DEFAULT_CLASSIFIER_WEIGHTS) {
    this.ids = topics.map((topic) => topic.id);
    const counts = topics.map((topic) => countTerms(topic, weights));
    const vocabulary = new Set(counts.flatMap((count) => [...count.keys()]));
    const totals = counts.map((count) => [...count.values()].reduce((sum, value) => sum + value, 0));
    const denominators = totals.map((total) => total + weights.smoothing * vocabulary.size);
    this.unseen = Float64Array.from(denominators, (denominator) => Math.log(weights.smoothing / denominator));
    this.logProbability = new Map();
    for (const term of vocabulary) {
      this.logProbability.set(
        term,
        Float64Array.from(counts, (count, index) =>
          Math.log(((count.get(term) ?? 0) + weights.smoothing) / (denominators[index] ?? 1)),
        ),
      );
    }
  }

  /** Posterior probability per topic id, for the question's known terms. */
  classify(question: string): Map<string, number> {
    const scores = new Float64Array(this.ids.length);
    let known = 0;
    for (const term of new Set(tokenize(question))) {
      const row = this.logProbability.get(term);
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
}

function countTerms(topic: Topic, weights: ClassifierWeights): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  for (const phrasing of topic.phrasings) add(phrasing, weights.phrasings);
  for (const keyword of topic.keywords) add(keyword, weights.keywords);
  add(topic.title, weights.title);
  add(topic.answer, weights.answer);
  for (const level of Object.values(topic.levels)) add(level, weights.levels);
  return counts;
}
