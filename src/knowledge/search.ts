// Question routing: from free text to the best knowledge entry, with a confidence,
// up to three alternatives, and an honest abstention. BM25+ retrieval over two kinds
// of documents per topic: each phrasing on its own (what people ask) and a profile
// (title, keywords, short answer, explanations), fused with a softmax classifier.
import { Bm25Index, type Bm25State } from './bm25.js';
import type { Abstention, Route } from '../core/ports.js';
import type { Topic } from './schema.js';
import {
  DEFAULT_CLASSIFIER_OPTIONS,
  TopicClassifier,
  type ClassifierOptions,
  type ClassifierState,
} from './classifier.js';
import { isNearMissId, type NearMissGroup } from './near-misses.js';
import { evidenceOf, recogniseOtherMeaning, type Evidence } from './senses.js';
import { tokenize } from './tokenize.js';

/** The indexed fields, in the order of the BM25 index. */
export const FIELDS = ['title', 'keywords', 'text', 'levels'] as const;
type Field = (typeof FIELDS)[number];

export interface IndexedDoc {
  topic: string;
  kind: 'phrasing' | 'profile';
  fields: Partial<Record<Field, string>>;
}

export interface RouterOptions {
  /** Weight of the best-matching phrasing against the profile document. */
  phrasingWeight: number;
  /** Weight of the second-best phrasing: agreement between phrasings is evidence too. */
  secondPhrasingWeight: number;
  profileWeight: number;
  /** Field boosts of the profile: title, keywords, short answer and analogy, level texts. */
  boosts: { title: number; keywords: number; text: number; levels: number };
  /** Weight of the classifier's probability added to the BM25 score (scaled to the best hit). */
  classifierWeight: number;
  /** Below this calibrated confidence the router abstains. */
  minConfidence: number;
  /** How the classifier is trained (when the router is not restored from a snapshot). */
  classifier: ClassifierOptions;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = {
  phrasingWeight: 1,
  secondPhrasingWeight: 0.5,
  profileWeight: 0.6,
  boosts: { title: 1.5, keywords: 2, text: 1, levels: 0.3 },
  classifierWeight: 20,
  minConfidence: 0.5,
  classifier: DEFAULT_CLASSIFIER_OPTIONS,
};

export interface RankedTopic {
  id: string;
  /** The fused ranking score. */
  score: number;
  /** The BM25 part alone, on its raw scale (used to judge match strength). */
  lexical: number;
  /** The question is exactly one of the topic's names (its id, title or a keyword). */
  named: boolean;
}

/** Weight of keyword phrases found in the question (see keywordHits). */
const KEYWORD_BONUS = 0.6;
/** A long post is searched by this many of its terms. */
const MAX_QUERY_TERMS = 24;

/** Weight of a post's title ranking next to the whole post's (see rankPost). */
const TITLE_WEIGHT = 0.5;

/** Bonus in the fused score for a question that is exactly a topic's name. */
const NAME_BONUS = 1;

/** What a snapshot stores so a start-up can skip tokenizing and indexing every entry. */
export interface RouterState {
  index: Bm25State;
  /** Topic id and kind of each indexed document, by document number. */
  docs: [string, IndexedDoc['kind']][];
  classifier: ClassifierState;
  /** The name tables and keyword phrases (tokenizing every name at start-up is slow). */
  names: [string, string[]][][];
  phrases: [string, number, string[]][];
}

/** What the router learns from: the entries, and the near misses it must not answer. */
export interface RouterCorpus {
  topics: readonly Topic[];
  nearMisses: readonly NearMissGroup[];
}

export class Router {
  private readonly index: Bm25Index;
  private readonly nearMisses: Map<string, NearMissGroup>;
  private readonly docs: [string, IndexedDoc['kind']][];
  private readonly boosts: number[];
  private readonly classifier: TopicClassifier;
  /**
   * Term-set key -> the topics with that name: ids and titles first, then keywords,
   * then whole phrasings (a question asked exactly as written, or as a moderator taught it).
   */
  private readonly names = [
    new Map<string, Set<string>>(),
    new Map<string, Set<string>>(),
    new Map<string, Set<string>>(),
  ] as const;
  /** Keywords worth matching as phrases (` term term `), with the topics that list them. */
  private readonly phrases = new Map<string, { length: number; topics: Set<string> }>();

  constructor(
    { topics, nearMisses }: RouterCorpus,
    private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS,
    state?: RouterState,
  ) {
    this.boosts = FIELDS.map((field) => options.boosts[field]);
    this.nearMisses = new Map(nearMisses.map((group) => [group.id, group]));
    const classes = nearMisses.map((group) => ({ id: group.id, phrasings: group.questions }));
    if (state) {
      this.index = new Bm25Index(FIELDS, state.index);
      this.docs = state.docs;
      this.classifier = TopicClassifier.fromState(state.classifier);
    } else {
      this.index = new Bm25Index(FIELDS);
      this.docs = [];
      for (const doc of topics.flatMap(documentsOf)) this.addDocument(doc);
      for (const { id, phrasings } of classes) {
        for (const text of phrasings) this.addDocument({ topic: id, kind: 'phrasing', fields: { text } });
        // Entries have a profile too; without one a near miss could never outscore them.
        this.addDocument({ topic: id, kind: 'profile', fields: { text: phrasings.join('\n') } });
      }
      this.classifier = TopicClassifier.train(topics, classes, options.classifier);
    }
    if (state) this.restoreNames(state);
    else this.buildNames(topics, nearMisses);
  }

  private buildNames(topics: readonly Topic[], nearMisses: readonly NearMissGroup[]): void {
    for (const group of nearMisses) this.addNames(this.names[2], group.id, group.questions);
    for (const topic of topics) {
      this.addNames(this.names[0], topic.id, [topic.id.replace(/-/g, ' '), topic.title]);
      this.addNames(this.names[1], topic.id, topic.keywords);
      this.addNames(this.names[2], topic.id, topic.phrasings);
      for (const keyword of topic.keywords) {
        const terms = tokenize(keyword);
        // Single common words are left to BM25; a phrase, a path or an error code is telling.
        const telling = terms.length >= 2 || terms.some((term) => term.includes(':') || /\d/.test(term));
        if (!telling) continue;
        const key = ` ${terms.join(' ')} `;
        const entry = this.phrases.get(key) ?? { length: terms.length, topics: new Set<string>() };
        entry.topics.add(topic.id);
        this.phrases.set(key, entry);
      }
    }
  }

  private restoreNames(state: RouterState): void {
    state.names.forEach((table, tier) => {
      for (const [key, ids] of table) this.names[tier]?.set(key, new Set(ids));
    });
    for (const [key, length, ids] of state.phrases) {
      this.phrases.set(key, { length, topics: new Set(ids) });
    }
  }

  /** The index and counts, for a snapshot built ahead of time. */
  toState(): RouterState {
    return {
      index: this.index.toState(),
      docs: this.docs,
      classifier: this.classifier.toState(),
      names: this.names.map((table) => [...table].map(([key, ids]): [string, string[]] => [key, [...ids]])),
      phrases: [...this.phrases].map(([key, { length, topics }]): [string, number, string[]] => [
        key,
        length,
        [...topics],
      ]),
    };
  }

  /** Learns a phrasing for a topic at run time (a moderator taught it). */
  teach(topicId: string, phrasing: string): void {
    this.addNames(this.names[2], topicId, [phrasing]);
    this.addDocument({ topic: topicId, kind: 'phrasing', fields: { text: phrasing } });
    this.classifier.learn(topicId, phrasing);
  }

  private addDocument(doc: IndexedDoc): void {
    this.index.add(FIELDS.map((field) => tokenize(doc.fields[field] ?? '')));
    this.docs.push([doc.topic, doc.kind]);
  }

  private addNames(table: Map<string, Set<string>>, id: string, names: readonly string[]): void {
    for (const name of names) {
      const key = termKey(name);
      if (key.length === 0) continue;
      const owners = table.get(key) ?? new Set<string>();
      owners.add(id);
      table.set(key, owners);
    }
  }

  /**
   * Keywords that occur in the question as a whole, in order ("pinned places",
   * "E0733", "pin-project-lite"), per topic; a keyword several topics share counts less.
   */
  private keywordHits(terms: readonly string[]): Map<string, number> {
    const hits = new Map<string, number>();
    const text = ` ${terms.join(' ')} `;
    for (const [phrase, { length, topics }] of this.phrases) {
      if (!text.includes(phrase)) continue;
      for (const id of topics) hits.set(id, Math.min(2, (hits.get(id) ?? 0) + length / (1 + topics.size) / 2));
    }
    return hits;
  }

  /**
   * The BM25 query: each distinct term once (a word repeated in a long post should
   * not outweigh the rest), and for a long post only its most telling terms, the
   * ones fewest topics use; the classifier still reads every word.
   */
  private queryTerms(terms: readonly string[]): string[] {
    const distinct = [...new Set(terms)];
    if (distinct.length <= MAX_QUERY_TERMS) return distinct;
    return distinct
      .map((term) => ({ term, share: this.classifier.topicShare(term) }))
      .sort((a, b) => a.share - b.share)
      .slice(0, MAX_QUERY_TERMS)
      .map(({ term }) => term);
  }

  /** Topics ranked by combined score, best first. */
  rank(question: string): RankedTopic[] {
    return this.rankPost(question, tokenize(question));
  }

  /**
   * A forum post's first line is its title: the question itself, while the body is
   * context (code, what was tried). The title's own ranking, scaled to its best
   * topic, is added to the whole text's so the body cannot drown it.
   */
  private rankPost(text: string, terms: readonly string[]): RankedTopic[] {
    const ranked = this.rankTerms(terms);
    const newline = text.trim().indexOf('\n');
    if (newline <= 0) return ranked;
    const title = this.rankTerms(tokenize(text.trim().slice(0, newline)));
    const best = title[0]?.score ?? 0;
    if (best <= 0) return ranked;
    const bonus = new Map(title.map((candidate) => [candidate.id, candidate.score / best]));
    return ranked
      .map((candidate) => ({
        ...candidate,
        score: candidate.score + TITLE_WEIGHT * (bonus.get(candidate.id) ?? 0),
      }))
      .sort((a, b) => b.score - a.score);
  }

  private rankTerms(terms: readonly string[]): RankedTopic[] {
    const best = new Map<string, { first: number; second: number; profile: number }>();
    const scores = this.index.score(this.queryTerms(terms), this.boosts);
    scores.forEach((score, doc) => {
      const [topic, kind] = this.docs[doc] ?? ['', 'phrasing'];
      if (score <= 0) return;
      const entry = best.get(topic) ?? { first: 0, second: 0, profile: 0 };
      if (kind === 'profile') entry.profile = score;
      else if (score > entry.first) [entry.first, entry.second] = [score, entry.first];
      else if (score > entry.second) entry.second = score;
      best.set(topic, entry);
    });
    const { phrasingWeight, secondPhrasingWeight, profileWeight, classifierWeight } = this.options;
    const lexical = new Map(
      [...best.entries()].map(([id, s]) => [
        id,
        phrasingWeight * s.first + secondPhrasingWeight * s.second + profileWeight * s.profile,
      ]),
    );
    const topLexical = Math.max(0, ...lexical.values());
    if (topLexical === 0) return [];
    const posterior = this.classifier.classify(terms);
    const key = termKey(terms);
    // An id or title outranks a keyword that happens to have the same words.
    const named =
      this.names[0].get(key) ?? this.names[1].get(key) ?? this.names[2].get(key) ?? new Set<string>();
    const phraseHits = this.keywordHits(terms);
    return [...lexical.entries()]
      .map(([id, score]) => ({
        id,
        lexical: score,
        named: named.has(id),
        score:
          score / topLexical +
          classifierWeight * (posterior.get(id) ?? 0) +
          (named.has(id) ? NAME_BONUS : 0) +
          KEYWORD_BONUS * (phraseHits.get(id) ?? 0),
      }))
      .sort((a, b) => b.score - a.score);
  }

  route(question: string): Route {
    const terms = tokenize(question);
    const ranked = this.rankPost(question, terms);
    const topics = ranked.filter((candidate) => !isNearMissId(candidate.id));
    // A question that resembles a known near miss more than any entry is not ours.
    const nearMiss = ranked[0] ? this.nearMisses.get(ranked[0].id) : undefined;
    const meaning = recogniseOtherMeaning(question) ?? nearMiss?.meaning ?? null;
    const confidence = meaning || nearMiss ? 0 : calibrate(question, terms, ranked);
    const top = topics[0];
    const alternatives = topics.slice(1, 4).map((candidate) => candidate.id);
    if (top && confidence >= this.options.minConfidence) {
      return { topic: top.id, confidence, alternatives, abstention: null };
    }
    return {
      topic: null,
      confidence,
      alternatives: meaning || nearMiss ? [] : topics.slice(0, 3).map((candidate) => candidate.id),
      abstention: abstentionFor(meaning, nearMiss !== undefined, question, topics),
    };
  }
}

function abstentionFor(
  meaning: string | null,
  nearMiss: boolean,
  question: string,
  topics: RankedTopic[],
): Abstention {
  if (meaning) return { reason: 'other-meaning', meaning };
  if (nearMiss || evidenceOf(question) === 'none' || topics.length === 0) return { reason: 'off-topic' };
  return { reason: 'not-confident', guesses: topics.slice(0, 3).map((candidate) => candidate.id) };
}

/**
 * How strong a match must be, per query term, before the router answers: a text
 * that names `Pin` needs little more; one about futures in general needs a clear
 * match; one with no sign of the domain needs a very close match to a phrasing.
 */
const REQUIRED_STRENGTH: Record<Evidence, number> = { strong: 20, domain: 40, none: 250 };

/**
 * Maps raw BM25 scores to 0..1. Raw scores grow with question length, so the top
 * score is taken per square root of query terms and compared with what the
 * question's evidence requires; the margin over the runner-up adds certainty.
 * 0.5 means "just strong enough".
 */
function calibrate(question: string, terms: readonly string[], ranked: RankedTopic[]): number {
  const top = ranked[0];
  if (!top || top.lexical <= 0) return 0;
  // Asking for a topic by its name ("Unpin", "pin projection") is as clear as it gets.
  if (top.named && !ranked[1]?.named) return 0.95;
  const distinct = Math.max(1, new Set(terms).size);
  const strength = top.lexical / Math.sqrt(distinct) / REQUIRED_STRENGTH[evidenceOf(question)];
  const margin = (top.score - (ranked[1]?.score ?? 0)) / top.score;
  const z = 2.5 * Math.log(strength) + 2 * (margin - 0.1);
  return Number((1 / (1 + Math.exp(-z))).toFixed(3));
}

/** A name's identity: its distinct terms, sorted ("Pin projection" = "projection pin"). */
function termKey(textOrTerms: string | readonly string[]): string {
  const terms = typeof textOrTerms === 'string' ? tokenize(textOrTerms) : textOrTerms;
  return [...new Set(terms)].sort().join(' ');
}

export function documentsOf(topic: Topic): IndexedDoc[] {
  const phrasings = topic.phrasings.map(
    (text): IndexedDoc => ({ topic: topic.id, kind: 'phrasing', fields: { text } }),
  );
  const profile: IndexedDoc = {
    topic: topic.id,
    kind: 'profile',
    fields: {
      title: topic.title,
      keywords: topic.keywords.join(' \n '),
      text: [topic.answer, topic.analogy?.text ?? ''].join('\n'),
      levels: Object.values(topic.levels).join('\n'),
    },
  };
  return [...phrasings, profile];
}
