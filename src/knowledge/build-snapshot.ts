// Run by `npm run build` after tsc: writes dist/knowledge.snapshot.json.
import { buildSnapshot } from './index.js';

const count = buildSnapshot();
process.stdout.write(`knowledge snapshot: ${count} topics\n`);
