import { fileURLToPath } from 'node:url';

// This module sits at src/knowledge/ when run from source and at dist/src/knowledge/
// when compiled; both resolve to the same repository root.
const ROOT = new URL(import.meta.url.includes('/dist/src/') ? '../../../' : '../../', import.meta.url);

/** The knowledge folder at the repository root. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('knowledge/', ROOT));

/** The build's snapshot of the knowledge base (see snapshot.ts). */
export const SNAPSHOT_FILE = fileURLToPath(new URL('dist/knowledge.snapshot.json', ROOT));
