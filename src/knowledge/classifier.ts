// A multinomial logistic regression (softmax) over the entries' own text. BM25 finds
// the phrasing a question resembles most; the classifier weighs every word and word
// pair of the question against everything written for a topic, and, being trained
// to tell topics apart, learns which words separate neighbouring topics. It replaced
// a naive Bayes model that counted words: on the held-out question sets it routes
// two to three points more questions right (see tests/fixtures/qa/README.md).
//
// Training is deterministic (seeded shuffles), takes about fifteen seconds for the four
// averaged models, and runs when the snapshot is built; a start-up only reads the weights,
// stored as bytes.
import type { Topic } from './schema.js';
import { tokenize } from './tokenize.js';

export interface ClassifierOptions {
  epochs: number;
  /** Adagrad's base learning rate. */
  learningRate: number;
  /** L2 penalty: higher keeps the weights small and the probabilities soft. */
  l2: number;
  /** Weight of a paragraph of an explanation level next to a phrasing's 1. */
  levelWeight: number;
  /** Classes this unlikely for an example are not updated (most are, at any time). */
  skipBelow: number;
  seed: number;
  /**
   * Models trained in as many shuffle orders (seeds `seed`, `seed + 1`, ...) whose weights
   * are averaged. One model's ranking of close topics depends on its order, so an edit to
   * one entry reshuffled answers to unrelated questions; four halve that churn.
   */
  ensemble: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  epochs: 20,
  learningRate: 0.5,
  l2: 1e-3,
  levelWeight: 0.3,
  skipBelow: 1e-3,
  seed: 1,
  ensemble: 4,
};

/**
 * What a snapshot stores, packed so that a start-up reads it in a few milliseconds: the
 * features as one string, the weights as signed bytes with one scale per feature.
 */
export interface ClassifierState {
  classes: string[];
  /** The features, joined by newlines (terms never contain one). */
  features: string;
  /** base64 of one float32 per feature: the factor that turns its bytes back into weights. */
  scales: string;
  /** base64 of features x classes signed bytes. */
  weights: string;
  bias: number[];
  /** base64 of one byte per feature: how many classes' examples use it (0 for word pairs). */
  support: string;
}

interface Example {
  features: string[];
  label: number;
  weight: number;
}

/** A question's features: its distinct terms and the pairs of adjacent terms. */
export function featuresOf(terms: readonly string[]): string[] {
  const features = new Set(terms);
  for (let index = 0; index + 1 < terms.length; index++) {
    features.add(`${terms[index] ?? ''} ${terms[index + 1] ?? ''}`);
  }
  return [...features];
}

export class TopicClassifier {
  private readonly index: Map<string, number>;
  /** features x classes, row by row. */
  private weights: Float32Array;
  private readonly width: number;

  /** Use `train` or `fromState`. */
  constructor(
    private readonly classes: string[],
    features: readonly string[],
    weights: Float32Array,
    private readonly bias: Float32Array,
    private readonly support: Map<string, number>,
  ) {
    this.index = new Map(features.map((feature, position) => [feature, position]));
    this.weights = weights;
    this.width = classes.length;
  }

  /**
   * Trains on the entries (phrasings, names, short answer, explanation paragraphs) plus
   * classes that are only phrasings (the near misses the router must recognise as not ours).
   */
  static train(
    topics: readonly Topic[],
    phrasingClasses: readonly { id: string; phrasings: readonly string[] }[] = [],
    options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
  ): TopicClassifier {
    const classes = [...topics.map((topic) => topic.id), ...phrasingClasses.map(({ id }) => id)];
    const examples: Example[] = [];
    const add = (text: string, label: number, weight: number) => {
      const features = featuresOf(tokenize(text));
      if (features.length > 0) examples.push({ features, label, weight });
    };
    topics.forEach((topic, label) => {
      for (const phrasing of topic.phrasings) add(phrasing, label, 1);
      add([topic.title, ...topic.keywords].join('\n'), label, 1);
      add(topic.answer, label, 1);
      for (const level of Object.values(topic.levels)) {
        for (const paragraph of level.split(/\n\s*\n/)) add(paragraph, label, options.levelWeight);
      }
    });
    phrasingClasses.forEach(({ phrasings }, offset) => {
      for (const phrasing of phrasings) add(phrasing, topics.length + offset, 1);
    });
    return fit(classes, examples, options);
  }

  static fromState(state: ClassifierState): TopicClassifier {
    const features = state.features.length > 0 ? state.features.split('\n') : [];
    const bytes = new Int8Array(bytesOf(state.weights));
    const scales = new Float32Array(bytesOf(state.scales));
    const counts = new Uint8Array(bytesOf(state.support));
    const width = state.classes.length;
    const weights = new Float32Array(bytes.length);
    for (let position = 0; position < features.length; position++) {
      const scale = scales[position] ?? 0;
      const start = position * width;
      for (let column = start; column < start + width; column++) {
        weights[column] = (bytes[column] ?? 0) * scale;
      }
    }
    const support = new Map<string, number>();
    features.forEach((feature, position) => {
      const count = counts[position] ?? 0;
      if (count > 0) support.set(feature, count);
    });
    return new TopicClassifier(state.classes, features, weights, Float32Array.from(state.bias), support);
  }

  /** The weights rounded to signed bytes per feature row: a quarter of the size, same ranking. */
  toState(): ClassifierState {
    const features = [...this.index.keys()];
    const { width } = this;
    const bytes = new Int8Array(features.length * width);
    const scales = new Float32Array(features.length);
    for (let position = 0; position < features.length; position++) {
      const start = position * width;
      let largest = 0;
      for (let column = start; column < start + width; column++) {
        largest = Math.max(largest, Math.abs(this.weights[column] ?? 0));
      }
      const scale = largest / 127;
      scales[position] = scale;
      for (let column = start; column < start + width; column++) {
        bytes[column] = scale === 0 ? 0 : Math.round((this.weights[column] ?? 0) / scale);
      }
    }
    return {
      classes: this.classes,
      features: features.join('\n'),
      scales: base64Of(scales),
      weights: base64Of(bytes),
      bias: [...this.bias],
      support: base64Of(Uint8Array.from(features, (feature) => Math.min(255, this.support.get(feature) ?? 0))),
    };
  }

  /** Learns one more phrasing for a topic (a moderator taught it), with a few plain SGD steps. */
  learn(topicId: string, phrasing: string): void {
    const label = this.classes.indexOf(topicId);
    const features = featuresOf(tokenize(phrasing));
    if (label < 0 || features.length === 0) return;
    const unseen = features.filter((feature) => !this.index.has(feature));
    if (unseen.length > 0) {
      const grown = new Float32Array(this.weights.length + unseen.length * this.width);
      grown.set(this.weights);
      for (const feature of unseen) this.index.set(feature, this.index.size);
      this.weights = grown;
    }
    for (const feature of features) {
      if (!feature.includes(' ')) this.support.set(feature, (this.support.get(feature) ?? 0) + 1);
    }
    const positions = features.map((feature) => this.index.get(feature) ?? 0);
    const norm = 1 / Math.sqrt(features.length);
    for (let step = 0; step < 5; step++) {
      const probabilities = softmax(this.scores(positions));
      probabilities.forEach((probability, column) => {
        const gradient = (probability - (column === label ? 1 : 0)) * norm;
        for (const position of positions) {
          const cell = position * this.width + column;
          this.weights[cell] = (this.weights[cell] ?? 0) - 0.5 * gradient;
        }
      });
    }
  }

  /** The share of classes whose text uses `term`: 0 for an unknown term, 1 for a term all use. */
  topicShare(term: string): number {
    return (this.support.get(term) ?? 0) / Math.max(1, this.classes.length);
  }

  /** Probability per topic id; empty when the question shares no feature with any entry. */
  classify(terms: readonly string[]): Map<string, number> {
    const positions = featuresOf(terms).flatMap((feature) => {
      const position = this.index.get(feature);
      return position === undefined ? [] : [position];
    });
    if (positions.length === 0) return new Map();
    const probabilities = softmax(this.scores(positions));
    return new Map(this.classes.map((id, column) => [id, probabilities[column] ?? 0]));
  }

  private scores(positions: readonly number[]): Float64Array {
    return scoresOf(this.weights, this.bias, this.width, positions);
  }
}

/** The linear scores of the rows at `positions`, scaled down for long texts. */
function scoresOf(
  weights: Float32Array,
  bias: Float32Array,
  width: number,
  positions: readonly number[],
): Float64Array {
  const scores = Float64Array.from(bias);
  const norm = 1 / Math.sqrt(Math.max(1, positions.length));
  for (const position of positions) {
    const start = position * width;
    for (let column = 0; column < width; column++) {
      scores[column] = (scores[column] ?? 0) + (weights[start + column] ?? 0) * norm;
    }
  }
  return scores;
}

function bytesOf(base64: string): ArrayBuffer {
  const buffer = Buffer.from(base64, 'base64');
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

function base64Of(array: Int8Array | Uint8Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** Trains `options.ensemble` models on the same features and averages their weights. */
function fit(classes: string[], examples: Example[], options: ClassifierOptions): TopicClassifier {
  const width = classes.length;
  const index = new Map<string, number>();
  const users = new Map<string, Set<number>>();
  for (const { features, label } of examples) {
    for (const feature of features) {
      if (!index.has(feature)) index.set(feature, index.size);
      if (!feature.includes(' ')) users.set(feature, (users.get(feature) ?? new Set()).add(label));
    }
  }
  const problem: Problem = {
    width,
    size: index.size,
    examples: examples.map((example) => ({
      ...example,
      positions: example.features.map((feature) => index.get(feature) ?? 0),
    })),
  };
  const members = Math.max(1, Math.floor(options.ensemble));
  const weights = new Float32Array(index.size * width);
  const bias = new Float32Array(width);
  for (let member = 0; member < members; member++) {
    const model = fitOne(problem, options, options.seed + member);
    addScaled(weights, model.weights, 1 / members);
    addScaled(bias, model.bias, 1 / members);
  }
  const support = new Map([...users].map(([feature, labels]) => [feature, labels.size]));
  return new TopicClassifier(classes, [...index.keys()], weights, bias, support);
}

interface Problem {
  width: number;
  /** Number of features. */
  size: number;
  examples: (Example & { positions: number[] })[];
}

function addScaled(target: Float32Array, source: Float32Array, factor: number): void {
  for (let cell = 0; cell < target.length; cell++) {
    target[cell] = (target[cell] ?? 0) + (source[cell] ?? 0) * factor;
  }
}

/** Adagrad on the cross-entropy loss with an L2 penalty, in the order `seed` shuffles. */
function fitOne(
  { width, size, examples }: Problem,
  options: ClassifierOptions,
  seed: number,
): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(size * width);
  const squares = new Float32Array(size * width);
  const bias = new Float32Array(width);
  const random = seeded(seed);
  const order = examples.map((_, position) => position);
  // The weights are averaged over the second half of the epochs: the average depends far
  // less on the shuffle order than the last weights do.
  const sum = new Float32Array(weights.length);
  const biasSum = new Float32Array(width);
  let averaged = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const position of order) {
      const example = examples[position];
      if (example) step(example);
    }
    if (epoch < Math.floor(options.epochs / 2)) continue;
    averaged++;
    addScaled(sum, weights, 1);
    addScaled(biasSum, bias, 1);
  }
  return {
    weights: sum.map((total) => total / averaged),
    bias: biasSum.map((total) => total / averaged),
  };

  function step({ label, weight, positions }: Problem['examples'][number]): void {
    const norm = 1 / Math.sqrt(Math.max(1, positions.length));
    const probabilities = softmax(scoresOf(weights, bias, width, positions));
    for (let column = 0; column < width; column++) {
      const probability = probabilities[column] ?? 0;
      if (column !== label && probability < options.skipBelow) continue;
      const error = (probability - (column === label ? 1 : 0)) * weight;
      for (const position of positions) {
        const cell = position * width + column;
        const gradient = error * norm + options.l2 * (weights[cell] ?? 0);
        squares[cell] = (squares[cell] ?? 0) + gradient * gradient;
        weights[cell] =
          (weights[cell] ?? 0) - (options.learningRate / Math.sqrt((squares[cell] ?? 0) + 1e-8)) * gradient;
      }
      bias[column] = (bias[column] ?? 0) - 0.01 * error;
    }
  }
}

function softmax(scores: Float64Array): Float64Array {
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

/** A small deterministic generator (Park-Miller), so a snapshot is the same on every build. */
function seeded(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let last = order.length - 1; last > 0; last--) {
    const other = Math.floor(random() * (last + 1));
    [order[last], order[other]] = [order[other] ?? 0, order[last] ?? 0];
  }
}
