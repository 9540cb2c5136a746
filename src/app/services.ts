// The composition root: builds the knowledge base (with what moderators taught),
// the checker, the store and the logger that commands receive as ports.
import type { Checker } from '../core/check.js';
import type { Logger, Services } from '../core/ports.js';
import { createChecker } from '../analyser/index.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { openStore } from '../storage/open.js';

export async function createServices(logger: Logger, databaseUrl: string): Promise<Services> {
  const store = await openStore(databaseUrl);
  try {
    const taught = new Map<string, string[]>();
    for (const { topic, phrase } of await store.phrasings()) {
      taught.set(topic, [...(taught.get(topic) ?? []), phrase]);
    }
    const knowledge = createKnowledgeBase({ taught });
    const checker: Checker = await createChecker();
    return { knowledge, checker, store, logger };
  } catch (error) {
    await store.close();
    throw error;
  }
}
