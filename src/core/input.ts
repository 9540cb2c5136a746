// Checks free text from a user before any work is done on it: every front end
// gets the same friendly errors for empty, oversized and binary input.
import { UserError } from './errors.js';

export const MAX_QUESTION_CHARS = 4000;

// Control characters other than tab, newline and carriage return mean binary junk.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

export function validateQuestion(raw: string): string {
  const question = raw.trim();
  if (question.length === 0) {
    throw new UserError(
      'empty-input',
      'Please type a question, e.g. `/pin ask why do futures need to be pinned?`',
    );
  }
  if (question.length > MAX_QUESTION_CHARS) {
    throw new UserError(
      'input-too-large',
      `That question is ${question.length} characters long; please keep it under ${MAX_QUESTION_CHARS} (the gist and a short code excerpt are enough).`,
    );
  }
  const controls = question.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls / question.length > 0.01) {
    throw new UserError(
      'not-text',
      'That looks like binary data rather than a question; please paste it as text.',
    );
  }
  if (!/[\p{L}\p{N}]/u.test(question)) {
    throw new UserError(
      'empty-input',
      'I could not find any words in that. Ask in words, e.g. `/pin ask what does Unpin mean?`',
    );
  }
  return question.replace(CONTROL, '');
}
