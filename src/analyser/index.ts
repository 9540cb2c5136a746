// The analyser's public face: `createChecker()` builds the pin-checker (the Checker port).
import type { Checker } from '../core/check.js';
import { asChecker, createEngine, type Engine, type EngineOptions } from './engine.js';
import { loadRustParser } from './parser.js';
import { rules } from './rules/index.js';

export type { EngineOptions } from './engine.js';
export { rules } from './rules/index.js';

/** Loads the parser (once per process), compiles every rule's query and returns the checker. */
export async function createChecker(options: EngineOptions = {}): Promise<Checker> {
  return asChecker(await createAnalyser(options));
}

/** Like `createChecker`, but hands out the engine itself (per-block analysis, the rule list). */
export async function createAnalyser(options: EngineOptions = {}): Promise<Engine> {
  const parser = await loadRustParser();
  return createEngine(parser, rules, options);
}
