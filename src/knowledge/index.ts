// The KnowledgeBase port: loaded entries plus the router over them.
import type { KnowledgeBase } from '../core/ports.js';
import { assertLinksResolve, loadKnowledge } from './load.js';
import { KNOWLEDGE_DIR } from './paths.js';
import type { Topic } from './schema.js';
import { DEFAULT_ROUTER_OPTIONS, Router, type RouterOptions } from './search.js';

export interface KnowledgeOptions {
  folder?: string;
  router?: RouterOptions;
  /** Extra phrasings taught by moderators, by topic id. */
  taught?: ReadonlyMap<string, readonly string[]>;
}

export function createKnowledgeBase(options: KnowledgeOptions = {}): KnowledgeBase & { all: Topic[] } {
  const topics = loadKnowledge(options.folder ?? KNOWLEDGE_DIR);
  assertLinksResolve(topics);
  return knowledgeBaseOf(topics, options);
}

export function knowledgeBaseOf(
  topics: Topic[],
  options: KnowledgeOptions = {},
): KnowledgeBase & { all: Topic[] } {
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const withTaught = topics.map((topic) => {
    const taught = options.taught?.get(topic.id) ?? [];
    return taught.length > 0 ? { ...topic, phrasings: [...topic.phrasings, ...taught] } : topic;
  });
  const router = new Router(withTaught, options.router ?? DEFAULT_ROUTER_OPTIONS);
  return {
    all: topics,
    topics: () => topics,
    get: (id) => byId.get(id.trim().toLowerCase()),
    route: (question) => router.route(question),
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
