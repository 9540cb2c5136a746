// The KnowledgeBase port: loaded entries plus the router over them.
import type { KnowledgeBase } from '../core/ports.js';
import { assertLinksResolve, loadKnowledge } from './load.js';
import { loadNearMisses, type NearMissGroup } from './near-misses.js';
import { KNOWLEDGE_DIR, SNAPSHOT_FILE } from './paths.js';
import type { Topic } from './schema.js';
import {
  DEFAULT_ROUTER_OPTIONS,
  Router,
  type RouterCorpus,
  type RouterOptions,
  type RouterState,
} from './search.js';
import { fingerprintOf, readSnapshot, trainerFingerprint, writeSnapshot } from './snapshot.js';

export interface KnowledgeOptions {
  folder?: string;
  router?: RouterOptions;
  /** Extra phrasings taught by moderators, by topic id. */
  taught?: ReadonlyMap<string, readonly string[]>;
}

export interface LoadedKnowledgeBase extends KnowledgeBase {
  all: Topic[];
}

/** The entries of a knowledge folder and the near misses its router must turn away. */
export interface KnowledgeCorpus extends RouterCorpus {
  topics: Topic[];
  nearMisses: NearMissGroup[];
}

/** Reads a knowledge folder without resolving links (a folder may be mid-way). */
export function loadCorpus(folder: string): KnowledgeCorpus {
  return { topics: loadKnowledge(folder), nearMisses: loadNearMisses(folder) };
}

/**
 * Loads knowledge/ (from the build's snapshot when it is current) and checks that
 * every link between entries resolves.
 */
export function createKnowledgeBase(options: KnowledgeOptions = {}): LoadedKnowledgeBase {
  const folder = options.folder ?? KNOWLEDGE_DIR;
  const useSnapshot = folder === KNOWLEDGE_DIR && options.router === undefined;
  const fingerprint = useSnapshot ? fingerprintOf(folder) : '';
  const snapshot = useSnapshot ? readSnapshot(SNAPSHOT_FILE, fingerprint) : undefined;
  const corpus = snapshot ?? loadCorpus(folder);
  assertLinksResolve(corpus.topics);
  if (snapshot || !useSnapshot) return knowledgeBaseOf(corpus, options, snapshot?.router);
  // An edited knowledge/ (or no build yet): train once and leave a snapshot for the next start.
  const router = new Router(corpus, DEFAULT_ROUTER_OPTIONS).toState();
  try {
    writeSnapshot(SNAPSHOT_FILE, { fingerprint, trainer: trainerFingerprint(), ...corpus, router });
  } catch {
    // A read-only install still answers; it only trains again at the next start.
  }
  return knowledgeBaseOf(corpus, options, router);
}

/**
 * Builds the snapshot file that `createKnowledgeBase` reads (run by `npm run build`).
 * Training takes seconds, so a snapshot of the same entries by the same code is kept.
 */
export function buildSnapshot(
  folder = KNOWLEDGE_DIR,
  file = SNAPSHOT_FILE,
): { topics: number; trained: boolean } {
  const corpus = loadCorpus(folder);
  assertLinksResolve(corpus.topics);
  const fingerprint = fingerprintOf(folder);
  const trainer = trainerFingerprint();
  if (readSnapshot(file, fingerprint)?.trainer === trainer) {
    return { topics: corpus.topics.length, trained: false };
  }
  const router = new Router(corpus, DEFAULT_ROUTER_OPTIONS);
  writeSnapshot(file, { fingerprint, trainer, ...corpus, router: router.toState() });
  return { topics: corpus.topics.length, trained: true };
}

export function knowledgeBaseOf(
  corpus: KnowledgeCorpus,
  options: KnowledgeOptions = {},
  routerState?: RouterState,
): LoadedKnowledgeBase {
  const { topics } = corpus;
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const router = new Router(corpus, options.router ?? DEFAULT_ROUTER_OPTIONS, routerState);
  for (const [id, phrasings] of options.taught ?? []) {
    for (const phrasing of phrasings) if (byId.has(id)) router.teach(id, phrasing);
  }
  return {
    all: topics,
    topics: () => topics,
    get: (id) => byId.get(id.trim().toLowerCase()),
    route: (question) => router.route(question),
    teach: (id, phrasing) => {
      if (!byId.has(id)) return false;
      router.teach(id, phrasing);
      return true;
    },
    suggest(partial, limit) {
      const needle = partial.trim().toLowerCase();
      if (needle.length === 0) return topics.slice(0, limit);
      const score = (topic: Topic): number => {
        if (topic.id.startsWith(needle)) return 3;
        if (topic.id.includes(needle)) return 2;
        return topic.title.toLowerCase().includes(needle) ? 1 : 0;
      };
      return topics
        .map((topic) => ({ topic, score: score(topic) }))
        .filter((candidate) => candidate.score > 0)
        .sort((a, b) => b.score - a.score || a.topic.id.localeCompare(b.topic.id))
        .slice(0, limit)
        .map((candidate) => candidate.topic);
    },
  };
}
