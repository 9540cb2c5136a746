// Run by `npm run build` after tsc: writes dist/knowledge.snapshot.json, unless the
// one there was trained on the same entries by the same code.
import { buildSnapshot } from './index.js';

const { topics, trained } = buildSnapshot();
process.stdout.write(`knowledge snapshot: ${String(topics)} topics${trained ? ', router trained' : ', current'}\n`);
