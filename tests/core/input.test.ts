import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, validateQuestion } from '../../src/core/input.js';
import type { UserError } from '../../src/core/errors.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as UserError).code;
  }
  return undefined;
}

describe('validateQuestion', () => {
  it('returns the trimmed question when it is fine', () => {
    expect(validateQuestion('  what is Unpin?\n')).toBe('what is Unpin?');
  });

  it('rejects an empty or blank question', () => {
    expect(codeOf(() => validateQuestion('   \n\t'))).toBe('empty-input');
  });

  it('rejects a question of only emoji', () => {
    expect(codeOf(() => validateQuestion('📌📌🦀'))).toBe('empty-input');
  });

  it('rejects a 100 KB question with the limit in the message', () => {
    const huge = 'why pin '.repeat(13_000);
    expect(codeOf(() => validateQuestion(huge))).toBe('input-too-large');
    expect(() => validateQuestion(huge)).toThrowError(String(MAX_QUESTION_CHARS));
  });

  it('rejects binary junk', () => {
    const junk = String.fromCharCode(...Array.from({ length: 200 }, (_, index) => index % 32));
    expect(codeOf(() => validateQuestion(`pin ${junk}`))).toBe('not-text');
  });
});
