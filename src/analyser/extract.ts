// Finds the Rust in what people paste: a whole .rs file, a chat message with fenced blocks
// (``` or ~~~, look-alike ticks, Slack's inline fences, list and quote indentation), text that a
// forum or Slack HTML-escaped, bare code between sentences, and pasted rustc errors.
//
// Everything here scans line by line in linear time (no regular expression that can backtrack
// over a whole line), and tree-sitter is asked only to tell code from prose, on a bounded sample.
import { Parser, type Node, type Tree } from 'web-tree-sitter';
import type { RustParser } from './parser.js';
import { blankPlaceholders } from './syntax.js';

export interface CodeBlock {
  /** The Rust code, HTML entities decoded (&lt; &gt; &amp; &quot; &#39;). */
  code: string;
  /** 1-based line of the original text on which `code`'s first line sits (so findings map back). */
  startLine: number;
  /** The fence's language tag ('rust', 'rs', '' ...) or null for unfenced text. */
  language: string | null;
}

export interface PastedDiagnostic {
  /** 'E0277' etc., null for an error without a code. */
  code: string | null;
  /** The headline after `error[E....]: `. */
  message: string;
  /** 1-based line of the headline in the original text. */
  line: number;
  /** The `--> file:L:C` location rustc printed, if any. */
  location: { file: string; line: number; column: number } | null;
  /** The note/help lines that followed (e.g. "consider using the `pin!` macro"). */
  notes: string[];
  /**
   * The labels rustc drew under the source lines (e.g. "move occurs because `c` has type
   * `Pin<&mut Counter>`, which does not implement the `Copy` trait"). Optional: an addition to
   * the contract that lets the explanation name the value.
   */
  labels?: string[];
  /** The source lines rustc quoted (`12 |     let p = Pin::new(&mut fut);` gives the code part). */
  source?: string[];
}

export type Extraction =
  | { kind: 'code'; blocks: CodeBlock[] }
  | { kind: 'compiler-error'; diagnostics: PastedDiagnostic[]; blocks: CodeBlock[] }
  | { kind: 'prose' };

/** Most code blocks returned for one text; a chat message never has this many. */
export const MAX_BLOCKS = 64;
/** Most candidate texts handed to the parser to tell code from prose, per call. */
const MAX_CLASSIFICATIONS = 48;
/**
 * Only this much of a candidate is parsed to tell code from prose; the rest follows the verdict
 * on its start. tree-sitter recovers slowly from prose (tens of ms per KiB), so this stays small.
 */
const SAMPLE_CHARS = 2 * 1024;
/** Most diagnostics read from one paste (rustc stops long before in practice). */
export const MAX_DIAGNOSTICS = 50;
/** Lines longer than this are never part of a pasted diagnostic. */
const MAX_DIAGNOSTIC_LINE = 4096;
/** Nodes visited per classification when measuring ERROR coverage. */
const MAX_VISITS = 20_000;
/** Top-level nodes looked at per classification (prose and garbage make one per token). */
const MAX_TOP_NODES = 2_000;
/**
 * Progress reports (about one per hundred parser operations) a single code-or-prose parse
 * may take before the candidate counts as prose. Work, not wall time: the same text must get
 * the same verdict on a busy machine as on an idle one.
 */
const MAX_PARSE_PROGRESS = 64;
/** Bare text longer than this is judged as a whole, never paragraph by paragraph. */
const MAX_PARAGRAPH_SPLIT_LINES = 400;
/** Characters parsed for all the classifications of one text (bounds the worst case). */
const PARSE_BUDGET_CHARS = 12 * 1024;

/** Finds Rust in a chat message or file. Pure and fast. Never throws on any string. */
export function extractCode(text: string, parser: RustParser): Extraction {
  try {
    return extract(text, parser);
  } catch {
    // A defect here must not take the checker down: what cannot be read is reported as prose.
    return { kind: 'prose' };
  }
}

// ---------------------------------------------------------------------------------------------
// Lines and fences

interface Fence {
  /** Index (0-based) of the opening line. */
  open: number;
  /** Index of the closing line, or lines.length when the fence runs to the end. */
  close: number;
  tag: string;
  /** Content lines with the fence's indentation and quote markers removed, by line index. */
  content: Map<number, string>;
}

const TICKS = new Set(['`', '´', '‘', '’', 'ˋ', '｀', '′', '‵', '˴']);

function isFenceChar(ch: string | undefined, family: 'tick' | 'tilde'): boolean {
  if (ch === undefined) return false;
  return family === 'tick' ? TICKS.has(ch) : ch === '~';
}

interface LinePrefix {
  /** Index of the first character after indentation, quote markers and a list marker. */
  start: number;
  /** Spaces of indentation before the content (tabs count as 4). */
  indent: number;
  quotes: number;
}

/** Skips indentation, `>` quote markers and one list marker (`-`, `*`, `+`, `1.`, `1)`). */
function linePrefix(line: string): LinePrefix {
  let i = 0;
  let quotes = 0;
  // Where the content of the innermost quote starts (`> ` takes one optional space with it).
  let contentStart = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '>') break;
    quotes++;
    i++;
    if (line[i] === ' ') i++;
    contentStart = i;
  }
  const ch = line[i];
  let j = i;
  if (ch === '-' || ch === '*' || ch === '+') {
    j = i + 1;
  } else {
    while (j < line.length && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57)
      j++;
    if (j > i && (line[j] === '.' || line[j] === ')')) j++;
    else j = i;
  }
  if (j > i && (line[j] === ' ' || line[j] === '\t')) {
    while (line[j] === ' ' || line[j] === '\t') j++;
    i = j;
  }
  // A fence inside a list item is indented to the item's content column.
  let indent = 0;
  for (let k = contentStart; k < i; k++) indent += line[k] === '\t' ? 4 : 1;
  return { start: i, indent, quotes };
}

function runLength(line: string, from: number, family: 'tick' | 'tilde'): number {
  let n = 0;
  while (isFenceChar(line[from + n], family)) n++;
  return n;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

const TAG_TOKEN = /^[A-Za-z0-9_+#.-]{1,30}$/;
const TAG_ATTRIBUTES = /^[\s,{][\w\s,={}."-]*$/;
/** Words that start Rust code written right after the ticks (Slack), never a language tag. */
const CODE_STARTS = new Set(['fn', 'let', 'use', 'struct', 'enum', 'impl', 'pub', 'async', 'mod']);

/**
 * The language tag after an opening fence: one short word (`rust`, `rs`, `toml`), maybe with
 * rustdoc or pandoc attributes (`rust,ignore`, `{.rust}`); '' for none; null when the text after
 * the ticks is code (Slack puts the first line of code right after them).
 */
function readTag(rest: string): string | null {
  const trimmed = rest.trim();
  if (trimmed.length === 0) return '';
  if (trimmed.length > 60) return null;
  const body = trimmed.startsWith('{') ? trimmed.slice(trimmed.startsWith('{.') ? 2 : 1) : trimmed;
  let end = 0;
  while (end < body.length && !/[\s,{}]/.test(body[end] ?? ' ')) end++;
  const token = body.slice(0, end);
  const remainder = body.slice(end);
  if (!TAG_TOKEN.test(token)) return null;
  if (remainder.length > 0 && (CODE_STARTS.has(token) || !TAG_ATTRIBUTES.test(remainder))) {
    return null;
  }
  return token.toLowerCase();
}

/** Strips up to `indent` columns of indentation and `quotes` quote markers from a content line. */
function stripContent(line: string, indent: number, quotes: number): string {
  let i = 0;
  let q = 0;
  while (q < quotes) {
    let k = i;
    while (line[k] === ' ' || line[k] === '\t') k++;
    if (line[k] !== '>') break;
    i = k + 1;
    if (line[i] === ' ') i++;
    q++;
  }
  let removed = 0;
  while (removed < indent && (line[i] === ' ' || line[i] === '\t')) {
    removed += line[i] === '\t' ? 4 : 1;
    i++;
  }
  return i === 0 ? line : line.slice(i);
}

function isCommentLike(before: string): boolean {
  const t = before.trimStart();
  return t.startsWith('//') || t.startsWith('*') || t.startsWith('/*');
}

/** One linear pass over the lines: every fence with its content lines. */
function scanFences(lines: string[]): Fence[] {
  const fences: Fence[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const prefix = linePrefix(line);
    const first = line[prefix.start];
    const family = first === '~' ? 'tilde' : TICKS.has(first ?? '') ? 'tick' : null;
    const length = family ? runLength(line, prefix.start, family) : 0;
    if (!family || length < 3) {
      i++;
      continue;
    }
    const rest = line.slice(prefix.start + length);
    const fence: Fence = { open: i, close: lines.length, tag: '', content: new Map() };
    fences.push(fence);
    // ```code``` on one line (Slack, Discord).
    if (family === 'tick') {
      const inner = trailingRun(rest);
      if (inner !== null && !isBlank(inner)) {
        fence.content.set(i, inner);
        fence.close = i;
        i++;
        continue;
      }
    }
    const tag = readTag(rest);
    if (tag === null) {
      // Slack style: the code starts right after the ticks.
      fence.content.set(i, rest);
    } else {
      fence.tag = tag;
    }
    i++;
    while (i < lines.length) {
      const inner = lines[i] ?? '';
      const innerPrefix = linePrefix(inner);
      const closeRun = runLength(inner, innerPrefix.start, family);
      if (closeRun >= length && isBlank(inner.slice(innerPrefix.start + closeRun))) {
        fence.close = i;
        break;
      }
      const content = stripContent(inner, prefix.indent, prefix.quotes);
      if (family === 'tick') {
        const before = trailingRun(content);
        if (before !== null && !isBlank(before) && !isCommentLike(before)) {
          // `last line of code```: the fence closes at the end of a code line.
          fence.content.set(i, before);
          fence.close = i;
          break;
        }
      }
      fence.content.set(i, content);
      i++;
    }
    i = fence.close + 1;
  }
  return fences;
}

/** When `text` ends with a run of three or more ticks, the text before it; else null. */
function trailingRun(text: string): string | null {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let n = 0;
  while (end - n > 0 && TICKS.has(text[end - n - 1] ?? '')) n++;
  if (n < 3) return null;
  return text.slice(0, end - n);
}

// ---------------------------------------------------------------------------------------------
// Pasted diagnostics

/** `error[E0277]: ...` at the start of a line or quoted in a sentence (not inside a string). */
const CODED_HEADLINE = /(?:^|[\s`(>*])error\[(E\d{4})\]:\s*(.*)$/;
const PLAIN_HEADLINE = /^error:\s*(.*)$/;
const WARNING_HEADLINE = /^warning(?:\[[\w-]+\])?:/;
const NOT_A_DIAGNOSTIC = /^(?:aborting due to|could not compile|Recipe|process didn't exit)/;
const LOCATION = /^(?:-->|╭▸|:::)\s*(.+):(\d+):(\d+)\s*$/;
const NOTE = /^(?:=\s*)?(note|help)(?:\[[\w-]+\])?:\s*(.*)$/;
/** The lines rustc and cargo print after the diagnostics. */
const RUSTC_TRAILER =
  /^(?:For more information about (?:this|an) error|Some errors have detailed explanations)/;
/** A line of a suggested diff: `7 -     let first = (&mut pending).await;`. */
const SUGGESTION = /^\d+\s{0,8}[-+~]\s/;

interface Headline {
  code: string | null;
  message: string;
}

function stripped(line: string): string {
  const prefix = linePrefix(line);
  // A list marker is part of the text here (`- note`), so only drop indentation and quotes.
  let i = 0;
  while (i < prefix.start && (line[i] === ' ' || line[i] === '\t' || line[i] === '>')) i++;
  return line.slice(i);
}

function readHeadline(
  line: string,
  next: string | undefined,
  atStartOnly: boolean,
): Headline | null {
  if (line.length > MAX_DIAGNOSTIC_LINE) return null;
  const text = stripped(line);
  if (text.startsWith('//') || text.startsWith('*')) return null;
  if (atStartOnly && !text.startsWith('error')) return null;
  if (text.includes('error[E')) {
    const coded = CODED_HEADLINE.exec(text);
    if (coded?.[1] !== undefined) {
      let message = (coded[2] ?? '').trim();
      // `error[E0277]: ...` quoted in a sentence: inline code holds no backtick, so the quote
      // ends at the next one (``error[..]: `T` ..`` for a double-backtick span).
      const quote = text[coded.index] === '`' ? (text[coded.index - 1] === '`' ? '``' : '`') : '';
      if (quote !== '') {
        const end = message.indexOf(quote);
        if (end !== -1) message = message.slice(0, end).trimEnd();
      }
      return { code: coded[1], message };
    }
  }
  if (!text.startsWith('error:')) return null;
  const plain = PLAIN_HEADLINE.exec(text);
  const message = (plain?.[1] ?? '').trim();
  if (message.length === 0 || NOT_A_DIAGNOSTIC.test(message)) return null;
  const followed = next !== undefined && isDiagnosticBody(stripped(next));
  const wordy = /^[\w'` ]+$/.test(message) && message.split(' ').length >= 3;
  if (!followed && !wordy) return null;
  return { code: null, message };
}

function isGutter(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const ch = text[i];
  return ch === '|' || ch === '│' || ch === '┃' || ch === '╰' || ch === '╭' || ch === '⋮';
}

function isDiagnosticBody(text: string): boolean {
  return (
    text.startsWith('-->') ||
    text.startsWith('╭▸') ||
    text.startsWith(':::') ||
    text.startsWith('= ') ||
    text.startsWith('...') ||
    NOTE.test(text) ||
    isGutter(text)
  );
}

/** The label text of a gutter line without a line number (`|   ----- moved here`), if any. */
function readLabel(text: string): string | null {
  let i = 0;
  if (text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57) return null; // a source line
  for (; i < text.length; i++) {
    const ch = text[i];
    if (
      ch !== ' ' &&
      ch !== '\t' &&
      ch !== '|' &&
      ch !== '│' &&
      ch !== '^' &&
      ch !== '-' &&
      ch !== '~' &&
      ch !== '+' &&
      ch !== '_' &&
      ch !== '━' &&
      ch !== '─' &&
      ch !== '┬' &&
      ch !== '╰' &&
      ch !== '╭'
    ) {
      break;
    }
  }
  const label = text.slice(i).trim();
  return label.length > 0 ? label : null;
}

interface ScannedDiagnostics {
  diagnostics: PastedDiagnostic[];
  /** Line indexes that belong to a diagnostic (errors and warnings). */
  consumed: Set<number>;
}

/**
 * Every diagnostic in the lines. In `rustLines` (the content of ```rust fences) a headline must
 * start its line, so a string or comment that quotes one stays code.
 */
function scanDiagnostics(
  lines: string[],
  fenceLines: Set<number>,
  rustLines: Set<number>,
): ScannedDiagnostics {
  const diagnostics: PastedDiagnostic[] = [];
  const consumed = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (fenceLines.has(i) || line.length > MAX_DIAGNOSTIC_LINE) {
      i++;
      continue;
    }
    const text = stripped(line);
    const isWarning = WARNING_HEADLINE.test(text);
    const headline = isWarning
      ? null
      : readHeadline(line, nextLine(lines, i, fenceLines), rustLines.has(i));
    if (!headline && !isWarning) {
      if (/^error: (?:aborting due to|could not compile)/.test(text)) consumed.add(i);
      if (RUSTC_TRAILER.test(text)) consumed.add(i);
      i++;
      continue;
    }
    const diagnostic: PastedDiagnostic = {
      code: headline?.code ?? null,
      message: headline?.message ?? '',
      line: i + 1,
      location: null,
      notes: [],
      labels: [],
      source: [],
    };
    consumed.add(i);
    let lastWasNote = false;
    i++;
    while (i < lines.length && !fenceLines.has(i)) {
      const raw = lines[i] ?? '';
      if (raw.length > MAX_DIAGNOSTIC_LINE || isBlank(raw)) break;
      const body = stripped(raw);
      if (body.startsWith('error') || WARNING_HEADLINE.test(body)) break;
      const location = LOCATION.exec(body);
      const note = NOTE.exec(body);
      if (location) {
        diagnostic.location ??= {
          file: (location[1] ?? '').trim(),
          line: Number(location[2]),
          column: Number(location[3]),
        };
        lastWasNote = false;
      } else if (note) {
        const noteText = (note[2] ?? '').trim();
        if (noteText.length > 0) diagnostic.notes.push(noteText);
        lastWasNote = true;
      } else if (isGutter(body)) {
        const afterGutter = body.replace(/^\d*\s*/, '').slice(1);
        if (/^\d/.test(body)) {
          if (!isBlank(afterGutter)) diagnostic.source?.push(afterGutter.trim());
        } else {
          const label = readLabel(afterGutter);
          if (label !== null) diagnostic.labels?.push(label);
        }
        lastWasNote = false;
      } else if (lastWasNote && /^\s{2,}\S/.test(raw)) {
        diagnostic.notes.push(body.trim());
      } else if (!body.startsWith('...') && !SUGGESTION.test(body)) {
        break;
      }
      consumed.add(i);
      i++;
    }
    if (!isWarning && diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push(diagnostic);
  }
  return { diagnostics, consumed };
}

function nextLine(lines: string[], i: number, fenceLines: Set<number>): string | undefined {
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
    if (fenceLines.has(j)) return undefined;
    const line = lines[j] ?? '';
    if (!isBlank(line)) return line;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// HTML entities

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
  '&#34;': '"',
  '&#60;': '<',
  '&#62;': '>',
  '&#38;': '&',
  '&nbsp;': ' ',
};
const ENTITY = /&(?:lt|gt|amp|quot|apos|nbsp|#39|#x27|#34|#60|#62|#38);/g;
const ENTITY_AT = /^&(?:lt|gt|amp|quot|apos|nbsp|#39|#x27|#34|#60|#62|#38);/;

/**
 * Decodes the entities forums and Slack write for `<`, `>`, `&` and quotes, in one pass (so
 * `&amp;lt;` becomes `&lt;`). Text that is not consistently escaped (a raw `&` that starts no
 * entity, as in `&mut`, next to `&amp;`) is real code holding the entity in a string: left as is.
 */
export function decodeEntities(code: string): string {
  if (!code.includes('&')) return code;
  let entities = 0;
  let rawAmpersands = 0;
  for (let i = code.indexOf('&'); i !== -1; i = code.indexOf('&', i + 1)) {
    if (ENTITY_AT.test(code.slice(i, i + 8))) entities++;
    else rawAmpersands++;
  }
  if (entities === 0) return code;
  const angleEscaped = /&(?:lt|gt);/.test(code) && !/[<>]/.test(code);
  if (rawAmpersands > 0 && !angleEscaped) return code;
  return code.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
}

// ---------------------------------------------------------------------------------------------
// Code or prose: ask the parser

/** Top-level nodes that only Rust code produces. */
const ITEM_TYPES = new Set([
  'function_item',
  'function_signature_item',
  'impl_item',
  'struct_item',
  'enum_item',
  'union_item',
  'trait_item',
  'mod_item',
  'use_declaration',
  'let_declaration',
  'const_item',
  'static_item',
  'type_item',
  'macro_definition',
  'macro_invocation',
  'attribute_item',
  'inner_attribute_item',
  'extern_crate_declaration',
  'foreign_mod_item',
  'associated_type',
]);
/** Expressions too thin to prove anything alone (`Any idea?` parses as a try expression). */
const THIN_EXPRESSIONS = new Set([
  'identifier',
  'integer_literal',
  'float_literal',
  'boolean_literal',
  'range_expression',
  'try_expression',
  'self',
  'unit_expression',
]);
const COMMENT_TYPES = new Set(['line_comment', 'block_comment']);

interface Classification {
  code: boolean;
  /** 0-based rows of the candidate that hold the code (prose lines around it trimmed). */
  firstRow: number;
  lastRow: number;
}

interface Strictness {
  /** Largest share of non-blank characters inside ERROR nodes. */
  maxErrorShare: number;
  /** Trim leading and trailing lines that hold only ERROR nodes (prose around bare code). */
  trim: boolean;
}

const STRICT: Strictness = { maxErrorShare: 0.3, trim: true };
const LENIENT: Strictness = { maxErrorShare: 0.5, trim: false };

class NonBlankIndex {
  private readonly prefix: Int32Array;
  constructor(text: string) {
    this.prefix = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const blank = c === 32 || c === 9 || c === 10 || c === 13;
      this.prefix[i + 1] = (this.prefix[i] ?? 0) + (blank ? 0 : 1);
    }
  }
  count(from: number, to: number): number {
    const end = Math.min(Math.max(to, 0), this.prefix.length - 1);
    const start = Math.min(Math.max(from, 0), end);
    return (this.prefix[end] ?? 0) - (this.prefix[start] ?? 0);
  }
}

interface TopNode {
  type: string;
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  errorChars: number;
  evidence: boolean;
}

/**
 * Parses candidates within a budget of work. tree-sitter's error recovery is slow on long runs
 * of prose or garbage (hundreds of ms for 16 KiB), while real code of that size parses in a few
 * ms: a parse that exceeds its work limit is prose, and a text's candidates share a budget of
 * characters. Both are counts, so verdicts never depend on how busy the machine is. The shared
 * parser cannot be cancelled, so this keeps its own Parser over the same grammar.
 */
class Classifier {
  private static readonly parsers = new WeakMap<RustParser, Parser>();
  private readonly parser: Parser;
  private remaining = MAX_CLASSIFICATIONS;
  private budget = PARSE_BUDGET_CHARS;

  constructor(rust: RustParser) {
    let parser = Classifier.parsers.get(rust);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(rust.language);
      Classifier.parsers.set(rust, parser);
    }
    this.parser = parser;
  }

  classify(candidate: string, strictness: Strictness): Classification {
    const rows = countRows(candidate);
    const none: Classification = { code: false, firstRow: 0, lastRow: rows - 1 };
    if (this.remaining <= 0 || !mayBeCode(candidate)) return none;
    this.remaining--;
    let sample = candidate;
    if (sample.length > SAMPLE_CHARS) {
      const cut = sample.lastIndexOf('\n', SAMPLE_CHARS);
      sample = sample.slice(0, cut > SAMPLE_CHARS / 4 ? cut : SAMPLE_CHARS);
    }
    // `...` / `…` placeholders are blanked as the engine blanks them (same offsets), so that an
    // elided body does not turn the item around it into an ERROR.
    const tree = this.parse(blankPlaceholders(sample));
    if (!tree) return none;
    try {
      // web-tree-sitter reports indexes in UTF-16 code units, like JavaScript strings.
      const index = new NonBlankIndex(sample);
      const nodes = topLevel(tree, index);
      return judge(nodes, index, strictness, rows, sample.length < candidate.length);
    } finally {
      tree.delete();
    }
  }

  private parse(sample: string): Tree | null {
    if (sample.length > this.budget) return null;
    this.budget -= sample.length;
    let progress = 0;
    let tree: Tree | null = null;
    try {
      tree = this.parser.parse(sample, null, {
        progressCallback: () => ++progress > MAX_PARSE_PROGRESS,
      });
    } catch {
      tree = null;
    }
    // A cancelled parse would otherwise resume on the next call.
    if (!tree) this.parser.reset();
    return tree;
  }
}

/** Rust code always has some of these; a sentence without any is not worth a parse. */
function mayBeCode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ';' || ch === '{' || ch === '}' || ch === '(' || ch === '=' || ch === '#') {
      return true;
    }
    if (ch === ':' && text[i + 1] === ':') return true;
  }
  return false;
}

function judge(
  nodes: TopNode[],
  index: NonBlankIndex,
  strictness: Strictness,
  rows: number,
  truncated: boolean,
): Classification {
  const none: Classification = { code: false, firstRow: 0, lastRow: rows - 1 };
  let first = 0;
  let last = nodes.length - 1;
  if (strictness.trim) {
    while (first <= last && nodes[first]?.type === 'ERROR') first++;
    while (last >= first && nodes[last]?.type === 'ERROR') last--;
  }
  const firstNode = nodes[first];
  const lastNode = nodes[last];
  if (first > last || !firstNode || !lastNode) return none;
  let errorChars = 0;
  let evidence = false;
  for (let k = first; k <= last; k++) {
    const node = nodes[k];
    if (!node) continue;
    errorChars += node.errorChars;
    evidence ||= node.evidence;
  }
  const total = index.count(firstNode.start, lastNode.end);
  if (!evidence || total === 0) return none;
  const lines = lastNode.endRow - firstNode.startRow + 1;
  const limit = lines <= 2 ? Math.min(strictness.maxErrorShare, 0.15) : strictness.maxErrorShare;
  if (errorChars / total > limit) return none;
  return {
    code: true,
    firstRow: strictness.trim ? firstNode.startRow : 0,
    lastRow: strictness.trim && !truncated ? lastNode.endRow : rows - 1,
  };
}

function countRows(text: string): number {
  let rows = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  return rows;
}

/** The root's children with the characters their ERROR nodes cover; bounded work. */
function topLevel(tree: Tree, index: NonBlankIndex): TopNode[] {
  const nodes: TopNode[] = [];
  const cursor = tree.walk();
  let visits = 0;
  try {
    if (!cursor.gotoFirstChild()) return nodes;
    do {
      visits++;
      const type = cursor.nodeType;
      if (COMMENT_TYPES.has(type)) continue;
      const top: TopNode = {
        type,
        start: cursor.startIndex,
        end: cursor.endIndex,
        startRow: cursor.startPosition.row,
        endRow: cursor.endPosition.row,
        errorChars: 0,
        evidence: false,
      };
      if (type === 'ERROR') {
        top.errorChars = index.count(top.start, top.end);
      } else {
        const node = cursor.currentNode;
        if (node.hasError) {
          const counted = errorCharsWithin(node, index, Math.max(MAX_VISITS - visits, 1));
          visits += counted.visits;
          top.errorChars = counted.chars;
        }
        top.evidence = isEvidence(node);
      }
      nodes.push(top);
    } while (nodes.length < MAX_TOP_NODES && visits < MAX_VISITS && cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return nodes;
}

function isEvidence(node: Node): boolean {
  if (ITEM_TYPES.has(node.type)) return true;
  if (node.type !== 'expression_statement') return false;
  const expression = node.firstNamedChild;
  return expression !== null && !THIN_EXPRESSIONS.has(expression.type);
}

/** Characters under ERROR nodes inside an otherwise well-formed item. */
function errorCharsWithin(
  root: Node,
  index: NonBlankIndex,
  budget: number,
): { chars: number; visits: number } {
  let chars = 0;
  let visits = 0;
  const cursor = root.walk();
  try {
    for (;;) {
      visits++;
      const node = cursor.currentNode;
      const descend = node.type !== 'ERROR' && node.hasError;
      if (node.type === 'ERROR') chars += index.count(node.startIndex, node.endIndex);
      if (visits >= budget) {
        // Out of budget: count half of the item as broken rather than guess it clean.
        return { chars: Math.max(chars, index.count(root.startIndex, root.endIndex) / 2), visits };
      }
      if (descend && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { chars, visits };
      }
    }
  } finally {
    cursor.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// Putting it together

const RUST_TAGS = new Set([
  'rust',
  'rs',
  'rust2015',
  'rust2018',
  'rust2021',
  'rust2024',
  'rust-lang',
]);

interface Candidate {
  /** 0-based index of the first line. */
  first: number;
  lines: string[];
  language: string | null;
}

const ESC = String.fromCharCode(27);
/** Terminal colour codes that survive a copy from some terminals. */
const ANSI_COLOUR = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g');

function extract(text: string, parser: RustParser): Extraction {
  // CRLF and lone CR become LF (line numbers do not change); terminal colours go.
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const clean = normalised.includes(ESC) ? normalised.replace(ANSI_COLOUR, '') : normalised;
  const lines = clean.split('\n');

  const fences = scanFences(lines);
  const fenceLines = new Set<number>();
  const inFence = new Set<number>();
  for (const fence of fences) {
    fenceLines.add(fence.open);
    if (fence.close < lines.length) fenceLines.add(fence.close);
    for (let i = fence.open; i <= Math.min(fence.close, lines.length - 1); i++) inFence.add(i);
  }
  // Fence content is scanned for diagnostics without its quote markers and indentation.
  const rustLines = new Set<number>();
  for (const fence of fences) {
    if (RUST_TAGS.has(fence.tag)) for (const index of fence.content.keys()) rustLines.add(index);
  }
  const { diagnostics, consumed } = scanDiagnostics(viewOf(lines, fences), fenceLines, rustLines);

  const classifier = new Classifier(parser);
  const rustBlocks: CodeBlock[] = [];
  const otherFenced: Candidate[] = [];
  for (const fence of fences) {
    for (const candidate of runsOf(fence, consumed)) {
      if (RUST_TAGS.has(candidate.language ?? '')) {
        pushBlock(rustBlocks, candidate);
      } else if (candidate.language === '') {
        if (looksLikeRust(candidate, classifier)) pushBlock(rustBlocks, candidate);
      } else {
        otherFenced.push(candidate);
      }
    }
  }

  let blocks = rustBlocks;
  if (blocks.length === 0) blocks = bareCode(lines, inFence, consumed, classifier);
  if (blocks.length === 0 && diagnostics.length === 0) {
    for (const candidate of otherFenced) {
      if (looksLikeRust(candidate, classifier)) pushBlock(blocks, candidate);
    }
  }

  if (diagnostics.length > 0) return { kind: 'compiler-error', diagnostics, blocks };
  if (blocks.length > 0) return { kind: 'code', blocks };
  return { kind: 'prose' };
}

function viewOf(lines: string[], fences: Fence[]): string[] {
  const view = lines.slice();
  for (const fence of fences) {
    for (const [index, content] of fence.content) view[index] = content;
  }
  return view;
}

/** The fence's content split around any diagnostic pasted into it. */
function runsOf(fence: Fence, consumed: Set<number>): Candidate[] {
  const runs: Candidate[] = [];
  let current: Candidate | null = null;
  for (const [index, content] of fence.content) {
    if (consumed.has(index)) {
      current = null;
      continue;
    }
    if (!current) {
      current = { first: index, lines: [], language: fence.tag };
      runs.push(current);
    }
    current.lines.push(content);
  }
  return runs;
}

function trimBlankEdges(candidate: Candidate): Candidate | null {
  let start = 0;
  let end = candidate.lines.length;
  while (start < end && isBlank(candidate.lines[start] ?? '')) start++;
  while (end > start && isBlank(candidate.lines[end - 1] ?? '')) end--;
  if (start >= end) return null;
  return {
    first: candidate.first + start,
    lines: candidate.lines.slice(start, end),
    language: candidate.language,
  };
}

function pushBlock(blocks: CodeBlock[], candidate: Candidate): void {
  if (blocks.length >= MAX_BLOCKS) return;
  const trimmed = trimBlankEdges(candidate);
  if (!trimmed) return;
  blocks.push({
    code: decodeEntities(trimmed.lines.join('\n')),
    startLine: trimmed.first + 1,
    language: trimmed.language,
  });
}

function looksLikeRust(candidate: Candidate, classifier: Classifier): boolean {
  const trimmed = trimBlankEdges(candidate);
  if (!trimmed) return false;
  return classifier.classify(decodeEntities(trimmed.lines.join('\n')), LENIENT).code;
}

/** Bare code in the text outside fences and diagnostics: a whole file, or code among prose. */
function bareCode(
  lines: string[],
  inFence: Set<number>,
  consumed: Set<number>,
  classifier: Classifier,
): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let run: Candidate | null = null;
  const flush = (): void => {
    const candidate = run ? trimBlankEdges(run) : null;
    run = null;
    if (!candidate || blocks.length >= MAX_BLOCKS) return;
    const unwrapped = { ...candidate, lines: unwrapInlineCode(candidate.lines) };
    const whole = codeIn(unwrapped, classifier);
    if (whole) {
      pushBlock(blocks, whole);
      return;
    }
    // tree-sitter may fold prose and the code after it into one ERROR node: look at each
    // paragraph on its own (chat messages are short; whole files were decided above).
    if (unwrapped.lines.length > MAX_PARAGRAPH_SPLIT_LINES) return;
    let merged: Candidate | null = null;
    for (const paragraph of paragraphsOf(unwrapped)) {
      const code = codeIn(trimProseLines(paragraph), classifier);
      if (!code) {
        if (merged) pushBlock(blocks, merged);
        merged = null;
        continue;
      }
      if (merged && code.first === paragraph.first && allBlankBetween(unwrapped, merged, code)) {
        const gap = code.first - (merged.first + merged.lines.length);
        merged.lines.push(...new Array<string>(gap).fill(''), ...code.lines);
      } else {
        if (merged) pushBlock(blocks, merged);
        merged = { ...code, lines: code.lines.slice() };
      }
    }
    if (merged) pushBlock(blocks, merged);
  };
  for (let i = 0; i < lines.length; i++) {
    if (inFence.has(i) || consumed.has(i)) {
      flush();
      continue;
    }
    run ??= { first: i, lines: [], language: null };
    run.lines.push(lines[i] ?? '');
  }
  flush();
  return blocks;
}

/** The code inside a candidate, with prose lines around it trimmed, or null for prose. */
function codeIn(candidate: Candidate, classifier: Classifier): Candidate | null {
  const code = decodeEntities(candidate.lines.join('\n'));
  const verdict = classifier.classify(code, STRICT);
  if (!verdict.code) return null;
  return {
    first: candidate.first + verdict.firstRow,
    lines: code.split('\n').slice(verdict.firstRow, verdict.lastRow + 1),
    language: null,
  };
}

/** Splits a candidate at blank lines. */
function paragraphsOf(candidate: Candidate): Candidate[] {
  const paragraphs: Candidate[] = [];
  let current: Candidate | null = null;
  candidate.lines.forEach((line, k) => {
    if (isBlank(line)) {
      current = null;
      return;
    }
    if (!current) {
      current = { first: candidate.first + k, lines: [], language: null };
      paragraphs.push(current);
    }
    current.lines.push(line);
  });
  return paragraphs;
}

function allBlankBetween(whole: Candidate, before: Candidate, after: Candidate): boolean {
  for (let index = before.first + before.lines.length; index < after.first; index++) {
    if (!isBlank(whole.lines[index - whole.first] ?? '')) return false;
  }
  return true;
}

/**
 * A line of prose: two or more words and none of the punctuation that Rust lines carry.
 * Only used to trim sentences that touch code without a blank line in between.
 */
function isProseLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.startsWith('//') || /[;{}()[\]=<>&|#]/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length >= 2;
}

function trimProseLines(candidate: Candidate): Candidate {
  let start = 0;
  let end = candidate.lines.length;
  while (start < end && isProseLine(candidate.lines[start] ?? '')) start++;
  while (end > start && isProseLine(candidate.lines[end - 1] ?? '')) end--;
  return {
    first: candidate.first + start,
    lines: candidate.lines.slice(start, end),
    language: null,
  };
}

/**
 * Slack users wrap code in single backticks: a line that is one `code span`, or a span that
 * opens at the start of the first line and closes at the end of the last. The ticks become
 * spaces so columns stay put; spans inside sentences are left alone.
 */
function unwrapInlineCode(lines: string[]): string[] {
  const out = lines.slice();
  const firstLine = out[0] ?? '';
  const lastIndex = out.length - 1;
  const lastLine = out[lastIndex] ?? '';
  const opens = firstLine.trimStart().startsWith('`') && !firstLine.trimStart().startsWith('``');
  const closes = lastLine.trimEnd().endsWith('`') && !lastLine.trimEnd().endsWith('``');
  const ticks = countTicks(out);
  if (opens && closes && ticks === 2 && !(lastIndex === 0 && firstLine.trim() === '`')) {
    out[0] = replaceFirstTick(firstLine);
    out[lastIndex] = replaceLastTick(out[lastIndex] ?? '');
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    const line = out[i] ?? '';
    const trimmed = line.trim();
    if (trimmed.length > 2 && trimmed.startsWith('`') && trimmed.endsWith('`')) {
      if (trimmed.indexOf('`', 1) === trimmed.length - 1) {
        out[i] = replaceLastTick(replaceFirstTick(line));
      }
    }
  }
  return out;
}

function countTicks(lines: string[]): number {
  let n = 0;
  for (const line of lines) {
    for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i + 1)) n++;
    if (n > 2) return n;
  }
  return n;
}

function replaceFirstTick(line: string): string {
  const i = line.indexOf('`');
  return i === -1 ? line : `${line.slice(0, i)} ${line.slice(i + 1)}`;
}

function replaceLastTick(line: string): string {
  const i = line.lastIndexOf('`');
  return i === -1 ? line : `${line.slice(0, i)} ${line.slice(i + 1)}`;
}
