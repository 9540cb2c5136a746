// npm run bench: prints routing latency (p50/p99 in-process), the cold start of
// `pinbot ask` as a whole process (median of several runs), and the checker's figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { knowledgeBaseOf, loadCorpus } from '../src/knowledge/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../src/knowledge/paths.js';
import { benchChecker } from './bench-check.js';
import { documentsOf } from '../src/knowledge/search.js';
import { tokenize } from '../src/knowledge/tokenize.js';
import { minisearchReference } from '../tests/helpers/minisearch-reference.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

function questions(): string[] {
  const topics = loadKnowledge(KNOWLEDGE_DIR);
  const fromEntries = topics.flatMap((topic) => [...topic.phrasings, topic.title]);
  const dev = fileURLToPath(new URL('../../shared/qa-examples/dev.jsonl', import.meta.url));
  const fromDev = existsSync(dev)
    ? readFileSync(dev, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => (JSON.parse(line) as { question: string }).question)
    : [];
  return [...fromEntries, ...fromDev];
}

function benchRouting(): string[] {
  const started = performance.now();
  const knowledge = knowledgeBaseOf(loadCorpus(KNOWLEDGE_DIR));
  const buildMs = performance.now() - started;
  const all = questions();
  for (const question of all.slice(0, 200)) knowledge.route(question); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const question of all) {
      const start = performance.now();
      knowledge.route(question);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return [
    `routing: ${times.length} questions, p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${(times.at(-1) ?? 0).toFixed(3)} ms`,
    `knowledge load + index build: ${buildMs.toFixed(1)} ms`,
  ];
}

/** The BM25 retrieval step alone: the compact index against MiniSearch, same documents and questions. */
function benchRetrieval(): string[] {
  const topics = loadKnowledge(KNOWLEDGE_DIR);
  const library = minisearchReference(topics.flatMap(documentsOf));
  const queries = questions().map((question) => [...new Set(tokenize(question))].join(' '));
  for (const query of queries.slice(0, 200)) library.search(query);
  const start = performance.now();
  for (const query of queries) library.search(query);
  const perQuery = (performance.now() - start) / queries.length;
  return [
    `for comparison, MiniSearch on the same BM25 step: mean ${perQuery.toFixed(3)} ms per question`,
  ];
}

function benchColdStart(runs = 7): string[] {
  const bin = `${root}bin/pinbot.js`;
  if (!existsSync(`${root}dist/src/cli/main.js`))
    return ['cold start: skipped (run npm run build first)'];
  const times: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const start = performance.now();
    const result = spawnSync(
      process.execPath,
      [bin, 'ask', '--json', 'why do futures need to be pinned?'],
      {
        encoding: 'utf8',
      },
    );
    const elapsed = performance.now() - start;
    if (result.status !== 0) return [`cold start: pinbot ask failed: ${result.stderr}`];
    if (run > 0) times.push(elapsed); // the first run warms the file cache
  }
  times.sort((a, b) => a - b);
  return [
    `cold start of \`pinbot ask --json\` (whole process, ${runs} runs): median ${percentile(times, 50).toFixed(0)} ms, min ${(times[0] ?? 0).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms`,
  ];
}

for (const line of [
  ...benchRouting(),
  ...benchRetrieval(),
  ...benchColdStart(),
  ...(await benchChecker()),
])
  console.log(line);
