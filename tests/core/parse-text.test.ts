import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { parseCommandText } from '../../src/core/parse-text.js';
import { UserError } from '../../src/core/errors.js';

describe('parseCommandText', () => {
  it('gives the rest of the line to the question of /pin ask', () => {
    const parsed = parseCommandText('/pin ask why do   futures need Pin?', COMMANDS);
    expect(parsed.command.name).toBe('ask');
    expect(parsed.options).toEqual({ question: 'why do   futures need Pin?' });
  });

  it('reads a --level flag for a choice option wherever it stands', () => {
    const parsed = parseCommandText('ask --level beginner what is Unpin', COMMANDS);
    expect(parsed.options).toEqual({ level: 'beginner', question: 'what is Unpin' });
  });

  it('keeps the line breaks of pasted code', () => {
    const parsed = parseCommandText('/pin check fn main() {\n    let x = 1;\n}', COMMANDS);
    expect(parsed.options).toEqual({ code: 'fn main() {\n    let x = 1;\n}' });
  });

  it('treats a bare /pin as help', () => {
    expect(parseCommandText('/pin', COMMANDS).command.name).toBe('help');
    expect(parseCommandText('', COMMANDS).command.name).toBe('help');
  });

  it('gives no options when the subcommand stands alone', () => {
    expect(parseCommandText('/pin check', COMMANDS).options).toEqual({});
  });

  it('reads the moderator commands in their Slack text form', () => {
    expect(
      parseCommandText('/pin teach pin-set my select loop restarts', COMMANDS).options,
    ).toEqual({
      topic: 'pin-set',
      phrase: 'my select loop restarts',
    });
    expect(parseCommandText('link unpin <@U012ABCDEF|sam>', COMMANDS).options).toEqual({
      topic: 'unpin',
      user: 'U012ABCDEF',
    });
  });

  it('rejects an unknown subcommand with the list of known ones', () => {
    expect(() => parseCommandText('/pin explode now', COMMANDS)).toThrowError(UserError);
    expect(() => parseCommandText('/pin explode now', COMMANDS)).toThrowError(
      /ask, check, topic, link, teach, stats, help/,
    );
  });
});
