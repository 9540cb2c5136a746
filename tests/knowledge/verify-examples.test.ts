import { describe, expect, it } from 'vitest';
import { compare, exampleSource } from '../../src/knowledge/verify-examples.js';
import type { Example } from '../../src/knowledge/schema.js';

const base: Example = { name: 'x', title: 'An example', expect: 'compiles', wrap: 'file', code: 'fn f() {}\n' };

describe('exampleSource', () => {
  it('wraps main examples in fn main, indented', () => {
    expect(exampleSource({ ...base, wrap: 'main', code: 'let x = 1;\n' })).toContain('fn main() {\n    let x = 1;\n}');
  });

  it('keeps file examples as written', () => {
    expect(exampleSource(base)).toContain('fn f() {}');
  });
});

describe('compare', () => {
  const failing = { compiles: false, codes: ['E0277'], errorLines: [3], firstError: 'error[E0277]' };
  const passing = { compiles: true, codes: [], errorLines: [], firstError: null };

  it('accepts an error example that fails with its code', () => {
    expect(compare({ ...base, expect: 'error', error_code: 'E0277', fix: 'y' }, failing).ok).toBe(true);
  });

  it('rejects an error example that compiles', () => {
    expect(compare({ ...base, expect: 'error', error_code: 'E0277', fix: 'y' }, passing).ok).toBe(false);
  });

  it('rejects an error example that fails with another code', () => {
    expect(compare({ ...base, expect: 'error', error_code: 'E0382', fix: 'y' }, failing).ok).toBe(false);
  });

  it('requires unsound examples to compile', () => {
    expect(compare({ ...base, expect: 'unsound', fix: 'y' }, failing).ok).toBe(false);
    expect(compare({ ...base, expect: 'unsound', fix: 'y' }, passing).ok).toBe(true);
  });
});
