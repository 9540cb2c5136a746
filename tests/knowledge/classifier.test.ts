import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLASSIFIER_OPTIONS,
  TopicClassifier,
  featuresOf,
  type ClassifierState,
} from '../../src/knowledge/classifier.js';
import { loadCorpus } from '../../src/knowledge/index.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';
import { tokenize } from '../../src/knowledge/tokenize.js';

const corpus = loadCorpus(KNOWLEDGE_DIR);
// Fewer epochs than a build: these tests are about behaviour, not the last point of accuracy.
const options = { ...DEFAULT_CLASSIFIER_OPTIONS, epochs: 6 };
const best = (classifier: TopicClassifier, text: string) =>
  [...classifier.classify(tokenize(text))].sort((a, b) => b[1] - a[1])[0]?.[0];

describe('featuresOf', () => {
  it('is the distinct terms plus each pair of neighbours', () => {
    expect(featuresOf(['pin', 'box', 'pin'])).toEqual(['pin', 'box', 'pin box', 'box pin']);
    expect(featuresOf([])).toEqual([]);
  });
});

describe('TopicClassifier', () => {
  // Each entry's last three phrasings are kept out of training and asked afterwards.
  const heldOut = corpus.topics.flatMap((topic) =>
    topic.phrasings.slice(-3).map((phrasing) => ({ topic: topic.id, phrasing })),
  );
  const trained = TopicClassifier.train(
    corpus.topics.map((topic) => ({ ...topic, phrasings: topic.phrasings.slice(0, -3) })),
    corpus.nearMisses.map((group) => ({ id: group.id, phrasings: group.questions })),
    options,
  );

  it('routes phrasings it never saw to their entry', () => {
    const right = heldOut.filter(({ topic, phrasing }) => best(trained, phrasing) === topic);
    expect(right.length / heldOut.length).toBeGreaterThan(0.65);
  });

  it('gives a probability per class that sums to one, and nothing for unknown words', () => {
    const probabilities = [...trained.classify(tokenize('why does poll take a pinned self')).values()];
    expect(probabilities).toHaveLength(corpus.topics.length + corpus.nearMisses.length);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    expect(trained.classify(tokenize('qwxzv plmokn')).size).toBe(0);
  });

  it('keeps its ranking through a snapshot, stored as bytes', () => {
    const restored = TopicClassifier.fromState(
      JSON.parse(JSON.stringify(trained.toState())) as ClassifierState,
    );
    for (const { phrasing } of heldOut.slice(0, 40)) {
      expect(best(restored, phrasing)).toBe(best(trained, phrasing));
    }
  });

  it('trains the same model twice from the same entries', () => {
    const topics = corpus.topics.slice(0, 5);
    const a = TopicClassifier.train(topics, [], { ...options, epochs: 2 }).toState();
    const b = TopicClassifier.train(topics, [], { ...options, epochs: 2 }).toState();
    expect(a.weights).toBe(b.weights);
  });

  it('depends less on the shuffle order when several models are averaged', () => {
    const topics = corpus.topics.slice(0, 12);
    const train = (seed: number, ensemble: number) =>
      TopicClassifier.train(topics, [], { ...options, epochs: 4, seed, ensemble });
    // How far apart two classifiers' probabilities are, summed over questions none trained on.
    const distance = (a: TopicClassifier, b: TopicClassifier) =>
      heldOut.reduce((total, { phrasing }) => {
        const q = b.classify(tokenize(phrasing));
        let sum = 0;
        for (const [id, p] of a.classify(tokenize(phrasing))) sum += Math.abs(p - (q.get(id) ?? 0));
        return total + sum;
      }, 0);
    const singles = distance(train(1, 1), train(5, 1));
    const ensembles = distance(train(1, 4), train(5, 4));
    expect(ensembles).toBeLessThan(0.75 * singles);
  });

  it('learns a taught phrasing with words no entry uses', () => {
    const classifier = TopicClassifier.fromState(trained.toState());
    const phrase = 'quux zorblax flangewise grommetry';
    expect(classifier.classify(tokenize(phrase)).size).toBe(0);
    classifier.learn('pin-set', phrase);
    expect(best(classifier, phrase)).toBe('pin-set');
    expect(classifier.topicShare('zorblax')).toBeGreaterThan(0);
  });

  it('knows how widely a term is used', () => {
    expect(trained.topicShare('pin')).toBeGreaterThan(0.5);
    expect(trained.topicShare('repr')).toBeLessThan(0.2);
    expect(trained.topicShare('qwxzv')).toBe(0);
  });
});
