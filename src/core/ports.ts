// What the use cases need from the outside world, as interfaces. The knowledge
// base, the analyser and storage implement them; commands only see these.
import type { Checker } from './check.js';
import type { Store } from './store.js';
import type { Level, TopicView } from './topic.js';

export interface RouteCandidate {
  id: string;
  score: number;
}

export interface Route {
  /** Null when the router abstains. */
  topic: string | null;
  /** 0..1: how sure the router is that `topic` is what was asked about. */
  confidence: number;
  /** Up to three other plausible topics, best first. */
  alternatives: string[];
  /** Why it abstained, in words for the user (null when it answered). */
  abstention: Abstention | null;
}

export type Abstention =
  | { reason: 'other-meaning'; meaning: string }
  | { reason: 'off-topic' }
  | { reason: 'not-confident'; guesses: string[] };

export interface KnowledgeBase {
  topics(): readonly TopicView[];
  get(id: string): TopicView | undefined;
  route(question: string): Route;
  /** Topic ids and titles matching a partial input, for autocomplete. */
  suggest(partial: string, limit: number): TopicView[];
  /** Learns a phrasing for a topic from now on; false when there is no such topic. */
  teach(topicId: string, phrasing: string): boolean;
}

export interface Logger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface Services {
  knowledge: KnowledgeBase;
  checker: Checker;
  store: Store;
  logger: Logger;
}

export type { Level };
