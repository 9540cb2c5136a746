// The composition root: builds the knowledge base, the checker and the logger
// that commands receive as ports.
import type { Checker } from '../core/check.js';
import type { Logger, Services } from '../core/ports.js';
import { createChecker } from '../analyser/index.js';
import { createKnowledgeBase } from '../knowledge/index.js';

export async function createServices(logger: Logger): Promise<Services> {
  const knowledge = createKnowledgeBase();
  const checker: Checker = await createChecker();
  return { knowledge, checker, logger };
}
