// Loads tree-sitter's Rust grammar once (WASM: no native build) and hands out a
// parser plus compiled queries. Everything in the analyser parses through here.
import { createRequire } from 'node:module';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

export interface RustParser {
  readonly language: Language;
  /** Parses Rust source; tree-sitter never throws on bad input, it inserts ERROR nodes. */
  parse(source: string): Tree;
  /** Compiles a tree-sitter query against the Rust grammar (compile once, reuse). */
  query(source: string): Query;
}

let loading: Promise<RustParser> | undefined;

/** The shared parser; the first call loads the WASM runtime and grammar (tens of ms). */
export function loadRustParser(): Promise<RustParser> {
  loading ??= load();
  return loading;
}

async function load(): Promise<RustParser> {
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-rust/tree-sitter-rust.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    language,
    parse(source) {
      const tree = parser.parse(source);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
    query(source) {
      return new Query(language, source);
    },
  };
}
