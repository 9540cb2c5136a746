// Completeness of the rule set: every rule file is registered, has its own test file, points at a
// real knowledge topic, predicts a well-formed error code and gives a fix with every message.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/analyser/engine.js';
import { loadRustParser } from '../../src/analyser/parser.js';
import { rules } from '../../src/analyser/rules/index.js';
import { requiredTopicIds, specPresent } from '../helpers/spec.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ruleFiles = readdirSync(`${root}src/analyser/rules`)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));

describe('rule registry', () => {
  it('lists every rule file exactly once, under its file name', () => {
    const ids = rules.map((rule) => rule.id);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a test file for every rule', () => {
    const missing = ruleFiles.filter(
      (id) => !existsSync(`${root}tests/analyser/rules/${id}.test.ts`),
    );
    expect(missing).toEqual([]);
  });

  it.skipIf(!specPresent)('points every rule at a topic id of the spec', () => {
    const topics = new Set(requiredTopicIds());
    const unknown = rules
      .filter((rule) => !topics.has(rule.topic))
      .map((rule) => `${rule.id} -> ${rule.topic}`);
    expect(unknown).toEqual([]);
  });

  it('points every rule at a knowledge entry when the knowledge folder has one for it', () => {
    const knowledge = `${root}knowledge`;
    const entries = existsSync(knowledge)
      ? new Set(
          readdirSync(knowledge)
            .filter((f) => f.endsWith('.md'))
            .map((f) => f.replace(/\.md$/, '')),
        )
      : new Set<string>();
    const withEntries = entries.size > 10;
    const missing = rules
      .filter((rule) => withEntries && !entries.has(rule.topic))
      .map((rule) => rule.id);
    expect(missing).toEqual([]);
  });

  it('gives well-formed codes and a message and a fix for every message id', () => {
    for (const rule of rules) {
      const codes = [rule.rustc, ...Object.values(rule.messages).map((m) => m.rustc)];
      for (const code of codes) if (code) expect(code, rule.id).toMatch(/^E\d{4}$/);
      if (rule.severity === 'unsound') expect(rule.rustc, rule.id).toBeNull();
      for (const [id, spec] of Object.entries(rule.messages)) {
        expect(spec.message.length, `${rule.id}.${id}`).toBeGreaterThan(20);
        expect(spec.fix.length, `${rule.id}.${id}`).toBeGreaterThan(10);
      }
      expect(rule.description).not.toBe('');
    }
  });

  it('compiles every query against the grammar', async () => {
    const parser = await loadRustParser();
    expect(() => createEngine(parser, rules)).not.toThrow();
    for (const rule of rules) {
      if (!rule.query) continue;
      const query = parser.query(rule.query);
      expect(query.patternCount(), rule.id).toBeGreaterThan(0);
      query.delete();
    }
  });
});
