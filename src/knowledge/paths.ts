import { fileURLToPath } from 'node:url';

/** The knowledge folder at the repository root, found from this module whether run from src/ or dist/. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL(findRoot() + 'knowledge/', import.meta.url));

function findRoot(): string {
  // src/knowledge/paths.ts -> ../../ ; dist/src/knowledge/paths.js -> ../../../
  return import.meta.url.includes('/dist/src/') ? '../../../' : '../../';
}
