// The local console: a prompt where a person types what a chat user would
// (`/pin ask ...`, `/pin check` then pasted code, `/pin topic id`) and sees the
// same replies, rendered for a terminal.
import { createInterface } from 'node:readline';
import type { AnyCommand, CommandContext } from '../../core/command.js';
import { runCommand } from '../../core/dispatch.js';
import { isUserError } from '../../core/errors.js';
import { parseCommandText } from '../../core/parse-text.js';
import { errorReply } from '../../core/reply.js';
import { renderTerminal, type TerminalStyle } from './render.js';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  commands: readonly AnyCommand[];
  context: CommandContext;
  style: TerminalStyle;
}

const GREETING = [
  'pinbot console: ask about Rust pinning the way you would in chat.',
  '  /pin ask why do futures need to be pinned?',
  '  /pin check            (then paste code; finish with a line holding only "." )',
  '  /pin topic unpin      /pin help      exit',
  'Text without a command is asked as a question.',
  '',
].join('\n');

/** Runs until the input ends or the user types exit; resolves when closed. */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const lines = createInterface({ input: options.input, terminal: false });
  let pasting: string[] | null = null;
  let queue = Promise.resolve();
  const prompt = () => output.write('pin> ');

  const answer = async (text: string) => {
    const reply = await replyTo(text, options);
    output.write(renderTerminal(reply, options.style) + '\n');
    prompt();
  };

  output.write(GREETING);
  prompt();
  return new Promise((resolve) => {
    lines.on('line', (line) => {
      if (pasting) {
        if (line.trim() === '.') {
          const code = pasting.join('\n');
          pasting = null;
          queue = queue.then(() => answer(`/pin check ${code}`));
        } else pasting.push(line);
        return;
      }
      const text = line.trim();
      if (text === '') {
        prompt();
        return;
      }
      if (/^(exit|quit|\/exit|\/quit)$/i.test(text)) {
        lines.close();
        return;
      }
      if (/^\/pin\s+check\s*$/i.test(text)) {
        pasting = [];
        // Through the queue, so the hint comes after any answer still being written.
        queue = queue.then(() => {
          output.write('Paste the code, then a line with only "." to check it.\n');
        });
        return;
      }
      queue = queue.then(() => answer(text.startsWith('/') ? text : `/pin ask ${text}`));
    });
    lines.on('close', () => {
      const finish =
        pasting && pasting.length > 0
          ? answer(`/pin check ${pasting.join('\n')}`)
          : Promise.resolve();
      void queue
        .then(() => finish)
        .then(() => {
          output.write('\nbye\n');
          resolve();
        });
    });
  });
}

async function replyTo(text: string, options: ConsoleOptions) {
  try {
    const parsed = parseCommandText(text, options.commands);
    return await runCommand(parsed.command, parsed.options, options.context);
  } catch (error) {
    if (isUserError(error)) return errorReply(error.message);
    throw error;
  }
}
