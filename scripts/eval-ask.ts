// npm run eval:ask [-- FILE.jsonl]: routes labeled questions and prints top-1 and
// top-3 accuracy on on-topic questions and abstention accuracy on off-topic ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { knowledgeBaseOf, loadCorpus } from '../src/knowledge/index.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/paths.js';

const labeledSchema = z.object({
  id: z.string(),
  question: z.string(),
  expected: z.array(z.string()),
});

const file =
  process.argv.slice(2).find((arg) => !arg.startsWith('--')) ??
  fileURLToPath(new URL('../../shared/qa-examples/dev.jsonl', import.meta.url));
const verbose = process.argv.includes('--verbose');
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => labeledSchema.parse(JSON.parse(line)));

// Links between entries are checked by the tests; routing is measured even mid-way.
const knowledge = knowledgeBaseOf(loadCorpus(KNOWLEDGE_DIR));
const known = new Set(knowledge.topics().map((topic) => topic.id));

interface Tally {
  top1: number;
  top3: number;
  onTopic: number;
}
const all: Tally = { top1: 0, top3: 0, onTopic: 0 };
const covered: Tally = { top1: 0, top3: 0, onTopic: 0 };
let offTopic = 0;
let abstained = 0;
const misses: string[] = [];

for (const item of cases) {
  const route = knowledge.route(item.question);
  if (item.expected.length === 0) {
    offTopic++;
    if (route.topic === null) abstained++;
    else misses.push(`${item.id} should abstain, got ${route.topic} (${route.confidence})`);
    continue;
  }
  const top3 = route.topic ? [route.topic, ...route.alternatives].slice(0, 3) : [];
  const hit1 = route.topic !== null && item.expected.includes(route.topic);
  const hit3 = top3.some((id) => item.expected.includes(id));
  const tallies = item.expected.some((id) => known.has(id)) ? [all, covered] : [all];
  for (const tally of tallies) {
    tally.onTopic++;
    if (hit1) tally.top1++;
    if (hit3) tally.top3++;
  }
  if (!hit1) {
    misses.push(
      `${item.id} expected ${item.expected.join('|')}, got ${route.topic ?? 'abstain'} (${route.confidence}) alt ${route.alternatives.join(',')}`,
    );
  }
}

const pct = (n: number, d: number) =>
  d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
console.log(`eval:ask on ${cases.length} questions, ${known.size} topics in the knowledge base`);
console.log(`on-topic top-1:         ${pct(all.top1, all.onTopic)}`);
console.log(`on-topic top-3:         ${pct(all.top3, all.onTopic)}`);
console.log(`off-topic abstention:   ${pct(abstained, offTopic)}`);
if (covered.onTopic !== all.onTopic) {
  console.log(`restricted to questions whose expected topics exist:`);
  console.log(
    `  top-1: ${pct(covered.top1, covered.onTopic)}   top-3: ${pct(covered.top3, covered.onTopic)}`,
  );
}
if (verbose) for (const miss of misses) console.log(`  miss ${miss}`);
