// Turns questions and entries into search terms that understand Rust: paths
// (`Box::pin`), macros (`pin!`), `!Unpin`, error codes, snake_case and CamelCase
// identifiers, plus stemmed English words.
import { stemmer } from 'stemmer';

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could do does did doing for from had has have how i if in ' +
    'into is it its it\'s just me my of on or our so some such than that the their them then there these ' +
    'they this to too was we were what when where which while will with would you your ' +
    'am any about all also get got im ive id dont doesnt isnt cant wont one way use using need needs ' +
    'want try trying tried thing things really actually still like ok okay hi hello thanks please'
  ).split(' '),
);

/** Rewrites that keep Rust syntax meaningful once punctuation is gone. */
const REWRITES: [RegExp, string][] = [
  [/https?:\/\/\S+/g, ' '],
  [/!\s*unpin\b/gi, ' notunpin '],
  [/\b(?:std::pin::|core::pin::)?pin!/gi, ' pinmacro '],
  [/\btokio::pin!/gi, ' tokio pinmacro '],
  [/\bpin_mut!/gi, ' pin_mut '],
  [/\bselect!/gi, ' select selectmacro '],
  [/\bjoin!/gi, ' join joinmacro '],
  [/\bself\s*:\s*pin\s*<\s*&\s*mut\s+self\s*>/gi, ' pinmutself pin mut self '],
  [/\bpin\s*<\s*&\s*mut\b/gi, ' pinmutref pin mut '],
  [/\bpin\s*<\s*box\b/gi, ' pinboxptr pin box '],
  [/\bbox\s*<\s*dyn\s+future\b/gi, ' boxdynfuture box dyn future '],
  [/\bdyn\s+future\b/gi, ' dynfuture dyn future '],
  [/\.await\b/gi, ' await '],
  [/\b(e0\d{3})\b/gi, ' $1 '],
];

const RUST_PATH = /[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+/g;
const WORD = /[A-Za-z0-9_]+/g;

export function tokenize(text: string): string[] {
  let rewritten = text;
  for (const [pattern, replacement] of REWRITES) rewritten = rewritten.replace(pattern, replacement);
  const terms: string[] = [];
  for (const path of rewritten.match(RUST_PATH) ?? []) {
    const segments = path.toLowerCase().split('::');
    for (let index = 0; index + 1 < segments.length; index++) {
      terms.push(`${segments[index] ?? ''}::${segments[index + 1] ?? ''}`);
    }
  }
  for (const word of rewritten.match(WORD) ?? []) terms.push(...wordTerms(word));
  return terms;
}

function wordTerms(word: string): string[] {
  const lower = word.toLowerCase();
  const parts = word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .map((part) => part.toLowerCase())
    .filter((part) => part.length > 0);
  if (parts.length <= 1) return normalise(lower);
  // An identifier: keep it whole (distinctive) and its parts (for recall).
  return [lower, ...parts.flatMap(normalise)];
}

// Stemming is the costly step and words repeat endlessly: remember each word's stem.
const stems = new Map<string, string>();

function normalise(word: string): string[] {
  if (word.length < 2 || STOPWORDS.has(word)) return [];
  if (/\d/.test(word)) return [word];
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size > 100_000) stems.clear();
    stem = stemmer(word);
    stems.set(word, stem);
  }
  return [stem];
}
