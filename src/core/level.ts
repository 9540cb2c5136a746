// Picks the explanation level a question asks for when the asker did not choose one:
// someone who says they are new gets the analogy-first text, someone who talks about
// soundness or unchecked APIs gets the contract, everyone else gets what to write.
import type { Level } from './topic.js';

/** People describing themselves as new, or asking for plain words. */
const BEGINNER_SIGNS = [
  /\b(?:i'?m|i am|im|am) (?:a |totally |pretty |very |quite )?(?:new|beginner|newbie|noob|learning)\b/i,
  /\bnew to (?:rust|async|programming|this)\b/i,
  /\b(?:beginner|newbie|noob)s?\b/i,
  /\beli5\b|\bexplain (?:it )?like i'?m (?:five|5)\b/i,
  /\b(?:in )?(?:simple|plain|layman'?s?) (?:terms|words|english)\b/i,
  /\bjust (?:started|starting) (?:with |to learn |learning )?(?:rust|async)\b/i,
  /\bfor dummies\b|\bdumb question\b|\bstupid question\b/i,
];

/** Vocabulary of people who write unsafe code against the Pin contract. */
const IMPLEMENTER_SIGNS = [
  /\bunsound(?:ness)?\b|\bsoundness\b/i,
  /\bUB\b|\bundefined behaviou?r\b/,
  /\binvariants?\b/i,
  /\b(?:new|get|into_inner|map)_unchecked(?:_mut)?\b/i,
  /\bdrop guarantee\b/i,
  /\bstructural(?:ly)? pin/i,
  /\bmiri\b|\b(?:stacked|tree) borrows\b/i,
  /\bsafety (?:contract|comment|requirements?|invariant)\b/i,
  /\b(?:Pin)?CoerceUnsized\b|#\[fundamental\]/,
  /\baliasing (?:rules?|model)\b|\bnoalias\b/i,
];

/** The level implied by how a question is written. */
export function inferLevel(question: string): Level {
  if (BEGINNER_SIGNS.some((sign) => sign.test(question))) return 'beginner';
  if (IMPLEMENTER_SIGNS.some((sign) => sign.test(question))) return 'implementer';
  return 'practitioner';
}
