// Labels pin-checker cases with what the real rustc does (stable, edition 2021):
//
//   npm run label -- FILE.rs [FILE.rs ...] [--write DIR] [--family N] [--why TEXT] [--unsound LINE]
//
// Prints one labels.jsonl line per file (the schema of ../shared/pincheck-examples/README.md).
// A case that fails to compile is `compile-error` with rustc's codes and error lines; one that
// compiles is `ok`. rustc cannot see contract breaches behind `unsafe`: when the code compiles but
// breaks the `Pin` contract, label it `unsound` by hand with `--unsound LINE` (the line of the
// offending operation). `NNN.frag.rs` inherits the label of `NNN.rs` next to it, with the line of
// the same statement inside the fragment. `--write DIR` puts the line into DIR/labels.jsonl,
// replacing an older line for the same file.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileSnippet, crateTypeOf, hasRustc } from '../src/tooling/rustc.js';

interface Label {
  file: string;
  verdict: 'compile-error' | 'unsound' | 'ok';
  compiles: boolean;
  rustc_codes: string[];
  line: number | null;
  family?: number;
  why?: string;
  crate_type?: 'bin' | 'lib';
  error_lines?: (number | null)[];
  fragment_of?: string;
}

const usage =
  'usage: npm run label -- FILE.rs [...] [--write DIR] [--family N] [--why TEXT] [--unsound LINE]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      write: { type: 'string' },
      family: { type: 'string' },
      why: { type: 'string' },
      unsound: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  if (!(await hasRustc())) {
    process.stderr.write('label: rustc is not on PATH (install the stable toolchain)\n');
    return 2;
  }
  const family = values.family === undefined ? undefined : Number(values.family);
  const unsoundLine = values.unsound === undefined ? undefined : Number(values.unsound);
  if (family !== undefined && !(Number.isInteger(family) && family >= 1 && family <= 15)) {
    process.stderr.write('label: --family takes a family number 1-15\n');
    return 2;
  }
  if (unsoundLine !== undefined && !(Number.isInteger(unsoundLine) && unsoundLine >= 1)) {
    process.stderr.write('label: --unsound takes the 1-based line of the offending operation\n');
    return 2;
  }
  for (const file of positionals) {
    const labelsPath = join(values.write ?? join(dirname(file), '..'), 'labels.jsonl');
    const label = await labelFile(file, unsoundLine, labelsPath);
    if (family !== undefined) label.family = family;
    if (values.why !== undefined) label.why = values.why;
    const line = JSON.stringify(ordered(label));
    process.stdout.write(`${line}\n`);
    if (label.verdict === 'ok' && !label.fragment_of) {
      process.stderr.write(
        `${label.file}: compiles. rustc cannot see Pin contract breaches: if it moves a pinned !Unpin value, label it by hand with --unsound LINE.\n`,
      );
    }
    if (values.write !== undefined) await writeLabel(values.write, label.file, line);
  }
  return 0;
}

async function labelFile(
  file: string,
  unsoundLine: number | undefined,
  labelsPath: string,
): Promise<Label> {
  const name = basename(file);
  const fragmentOf = /^(\d+)\.frag\.rs$/.exec(name);
  if (fragmentOf) return labelFragment(file, `${fragmentOf[1] ?? ''}.rs`, labelsPath);
  const code = await readFile(file, 'utf8');
  const crateType = crateTypeOf(code);
  const outcome = await compileSnippet(code, crateType);
  if (!outcome.compiles) {
    if (unsoundLine !== undefined) {
      throw new Error(`${name}: rustc rejects it, so it cannot be labelled unsound`);
    }
    return {
      file: name,
      verdict: 'compile-error',
      compiles: false,
      rustc_codes: outcome.codes,
      line: outcome.errorLines[0] ?? null,
      crate_type: crateType,
      error_lines: outcome.errorLines,
    };
  }
  return {
    file: name,
    verdict: unsoundLine === undefined ? 'ok' : 'unsound',
    compiles: true,
    rustc_codes: [],
    line: unsoundLine ?? null,
    crate_type: crateType,
  };
}

/** A fragment inherits its full case's label; the line is found by the statement's text. */
async function labelFragment(file: string, full: string, labelsPath: string): Promise<Label> {
  const labels = await readLabels(labelsPath);
  const parent = labels.get(full);
  if (!parent) throw new Error(`${basename(file)}: label ${full} first (its full case)`);
  let line: number | null = null;
  if (parent.line !== null) {
    const fullLines = (await readFile(join(dirname(file), full), 'utf8')).split('\n');
    const wanted = fullLines[parent.line - 1]?.trim() ?? '';
    const fragmentLines = (await readFile(file, 'utf8')).split('\n');
    const index = fragmentLines.findIndex((candidate) => candidate.trim() === wanted);
    line = index === -1 ? null : index + 1;
    if (line === null) {
      process.stderr.write(
        `${basename(file)}: line ${parent.line} of ${full} is not in it: set "line" by hand\n`,
      );
    }
  }
  const label: Label = {
    file: basename(file),
    verdict: parent.verdict,
    compiles: parent.compiles,
    rustc_codes: parent.rustc_codes,
    line,
    fragment_of: full,
  };
  if (parent.family !== undefined) label.family = parent.family;
  if (parent.why !== undefined) label.why = parent.why;
  return label;
}

async function readLabels(path: string): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  if (!existsSync(path)) return labels;
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const label = JSON.parse(line) as Label;
    labels.set(label.file, label);
  }
  return labels;
}

/** Keeps the field order of the public labels.jsonl. */
function ordered(label: Label): Record<string, unknown> {
  const keys = ['file', 'verdict', 'compiles', 'rustc_codes', 'line', 'family', 'why'];
  keys.push('crate_type', 'error_lines', 'fragment_of');
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (label as unknown as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

async function writeLabel(dir: string, file: string, line: string): Promise<void> {
  const path = join(dir, 'labels.jsonl');
  const existing = existsSync(path) ? (await readFile(path, 'utf8')).split('\n') : [];
  const kept = existing.filter((row) => {
    if (row.trim() === '') return false;
    return (JSON.parse(row) as { file?: unknown }).file !== file;
  });
  kept.push(line);
  // 007.rs before 007.frag.rs, as in the public set.
  const key = (row: string): string => fileOf(row).replace('.frag.rs', '.rs~');
  kept.sort((a, b) => key(a).localeCompare(key(b)));
  await writeFile(path, `${kept.join('\n')}\n`);
}

function fileOf(row: string): string {
  const file = (JSON.parse(row) as { file?: unknown }).file;
  return typeof file === 'string' ? file : '';
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`label: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
