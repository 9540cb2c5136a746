// Every code example in the knowledge base does what its mark says under the
// real rustc (issue 3). Skipped without rustc, unless PINBOT_REQUIRE_RUSTC=1 (CI).
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../src/knowledge/paths.js';
import { verifyAll } from '../../src/knowledge/verify-examples.js';
import { hasRustc } from '../../src/tooling/rustc.js';

const rustcPresent = await hasRustc();
const required = process.env.PINBOT_REQUIRE_RUSTC === '1';

describe('knowledge examples under rustc', () => {
  it('finds rustc when CI requires it', () => {
    expect(rustcPresent || !required).toBe(true);
  });

  it.runIf(rustcPresent)(
    'compile, or fail with the marked error code, exactly as marked',
    async () => {
      const topics = loadKnowledge(KNOWLEDGE_DIR);
      const verdicts = await verifyAll(topics);
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((verdict) => !verdict.ok).map((v) => `${v.topic}/${v.example}: ${v.detail}`)).toEqual([]);
    },
    300_000,
  );
});
