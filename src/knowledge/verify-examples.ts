// Compiles the knowledge base's code examples with the real rustc and compares
// each outcome with the mark its entry gives it.
import { compileSnippet, crateTypeOf, type RustcOutcome } from '../tooling/rustc.js';
import type { Example, Topic } from './schema.js';

export interface ExampleVerdict {
  topic: string;
  example: string;
  ok: boolean;
  /** What was expected and what happened, for a failing example. */
  detail: string;
}

/** The crate source rustc sees: `main` examples are statements wrapped in `fn main`. */
export function exampleSource(example: Example): string {
  if (example.wrap === 'main') {
    const body = example.code.replace(/\n+$/, '').replace(/^/gm, '    ');
    return `#![allow(unused)]\nfn main() {\n${body}\n}\n`;
  }
  return `#![allow(unused)]\n${example.code}`;
}

export function compare(example: Example, outcome: RustcOutcome): { ok: boolean; detail: string } {
  const said = outcome.compiles ? 'it compiles' : `it fails with [${outcome.codes.join(', ')}]`;
  if (example.expect === 'error') {
    const first = outcome.codes[0];
    const ok = !outcome.compiles && first === example.error_code;
    return { ok, detail: `marked error ${example.error_code ?? ''}, ${said}` };
  }
  const ok = outcome.compiles;
  const detail = ok ? `marked ${example.expect}, ${said}` : `marked ${example.expect}, ${said}: ${outcome.firstError ?? ''}`;
  return { ok, detail };
}

export async function verifyExample(topic: Topic, example: Example): Promise<ExampleVerdict> {
  const source = exampleSource(example);
  const outcome = await compileSnippet(source, example.crate_type ?? crateTypeOf(source));
  return { topic: topic.id, example: example.name, ...compare(example, outcome) };
}

/** Verifies every example of every topic, `parallel` rustc processes at a time. */
export async function verifyAll(topics: Topic[], parallel = 2): Promise<ExampleVerdict[]> {
  const jobs = topics.flatMap((topic) => topic.examples.map((example) => ({ topic, example })));
  const results: ExampleVerdict[] = new Array<ExampleVerdict>(jobs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await verifyExample(job.topic, job.example);
    }
  }
  await Promise.all(Array.from({ length: parallel }, () => worker()));
  return results;
}
