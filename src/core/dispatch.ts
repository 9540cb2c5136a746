// Runs a command and always returns a Reply: expected failures become friendly
// ephemeral errors; anything else is logged once, here, and answered generically.
import type { AnyCommand, CommandContext } from './command.js';
import { isUserError } from './errors.js';
import { errorReply, type Reply } from './reply.js';

export async function runCommand(
  command: AnyCommand,
  options: Record<string, unknown>,
  context: CommandContext,
): Promise<Reply> {
  try {
    return await command.execute(options, context);
  } catch (error) {
    if (isUserError(error)) return errorReply(error.message);
    context.services.logger.error(
      { err: error, command: command.name, platform: context.actor.platform },
      'command failed',
    );
    return errorReply(
      'Sorry, something went wrong on my side while answering that. It has been logged.',
    );
  }
}
