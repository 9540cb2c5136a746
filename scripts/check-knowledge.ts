// npm run check:knowledge [-- topic-id ...]: compiles every knowledge example
// with rustc and fails when an outcome differs from its mark.
import { loadKnowledge } from '../src/knowledge/load.js';
import { verifyAll } from '../src/knowledge/verify-examples.js';
import { hasRustc } from '../src/tooling/rustc.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/paths.js';

const only = new Set(process.argv.slice(2));
if (!(await hasRustc())) {
  console.error(
    'check:knowledge: rustc is not on PATH; install Rust stable to verify the examples',
  );
  process.exit(1);
}
const topics = loadKnowledge(KNOWLEDGE_DIR).filter(
  (topic) => only.size === 0 || only.has(topic.id),
);
const verdicts = await verifyAll(topics);
const failures = verdicts.filter((verdict) => !verdict.ok);
for (const failure of failures)
  console.log(`FAIL ${failure.topic}/${failure.example}: ${failure.detail}`);
console.log(
  `check:knowledge: ${verdicts.length - failures.length} of ${verdicts.length} examples behave as marked, across ${topics.length} topics`,
);
process.exit(failures.length === 0 ? 0 : 1);
