// Splits a typed command line ("/pin ask --level beginner why pin?") into a
// subcommand and raw options using the command descriptors. Shared by the Slack
// adapter and the console, so both read commands exactly the same way.
import type { AnyCommand, OptionDescriptor } from './command.js';
import { UserError } from './errors.js';

export interface ParsedText {
  command: AnyCommand;
  options: Record<string, unknown>;
}

/**
 * `text` is what follows `/pin` (Slack sends it that way); a leading `/pin` is
 * dropped too. An empty text means help.
 */
export function parseCommandText(text: string, commands: readonly AnyCommand[]): ParsedText {
  const trimmed = text.trim().replace(/^\/pin\b\s*/i, '');
  const [head = 'help', ...restWords] = trimmed.length > 0 ? trimmed.split(/\s+/) : [];
  const command = commands.find((candidate) => candidate.name === head.toLowerCase());
  if (!command) {
    const names = commands.map((candidate) => candidate.name).join(', ');
    throw new UserError('unknown-command', `There is no \`/pin ${head}\`. Try one of: ${names}.`);
  }
  const afterName = trimmed.slice(head.length).replace(/^[ \t]+/, '');
  return { command, options: readOptions(afterName, command.options, restWords.length > 0) };
}

function readOptions(
  text: string,
  descriptors: OptionDescriptor[],
  hasWords: boolean,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  let remaining = hasWords ? text : '';
  // `--name value` flags for choice options, anywhere before the free text.
  for (const descriptor of descriptors.filter((option) => option.kind === 'choice')) {
    const flag = new RegExp(`(?:^|\\s)--${descriptor.name}[ =](\\S+)`, 'i');
    const found = flag.exec(remaining);
    if (found) {
      options[descriptor.name] = (found[1] ?? '').toLowerCase();
      remaining = (
        remaining.slice(0, found.index) + remaining.slice(found.index + found[0].length)
      ).trim();
    }
  }
  for (const descriptor of descriptors.filter((option) => option.kind !== 'choice')) {
    if (remaining.trim().length === 0) break;
    if (descriptor.rest) {
      options[descriptor.name] = remaining.trim();
      remaining = '';
      break;
    }
    const [word = '', ...others] = remaining.trim().split(/\s+/);
    options[descriptor.name] =
      descriptor.kind === 'user' ? word.replace(/^<@!?|>$/g, '').replace(/\|.*$/, '') : word;
    remaining = remaining.trim().slice(word.length).replace(/^\s+/, '');
    if (others.length === 0) remaining = '';
  }
  return options;
}
