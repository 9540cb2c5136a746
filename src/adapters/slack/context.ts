// What every Slack handler receives: the core services and commands, who is a
// moderator, the bot's own identity, and the helpers that turn a Reply into the
// arguments of a Slack call.
import type { AnyCommand, Actor } from '../../core/command.js';
import type { Logger, Services } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import type { InFlight } from './errors.js';
import type { Moderators } from './moderators.js';
import { renderSlack, type SlackBlock } from './render.js';

export interface SlackDeps {
  services: Services;
  commands: readonly AnyCommand[];
  logger: Logger;
  moderators: Moderators;
  inFlight: InFlight;
  autoAnswerChannels: ReadonlySet<string>;
  /** The bot's own user id (from auth.test): its own mentions and messages are never answered. */
  botUserId: string;
}

export async function slackActor(
  deps: Pick<SlackDeps, 'moderators'>,
  userId: string,
  name: string | undefined,
): Promise<Actor> {
  return {
    id: userId,
    displayName: name ?? userId,
    isModerator: await deps.moderators.isModerator(userId),
    platform: 'slack',
  };
}

export function findCommand(deps: Pick<SlackDeps, 'commands'>, name: string): AnyCommand {
  const command = deps.commands.find((candidate) => candidate.name === name);
  if (!command) throw new Error(`no "${name}" command is registered`);
  return command;
}

export interface MessageArgs {
  text: string;
  blocks: SlackBlock[];
}

/** For chat.postMessage / chat.postEphemeral: the rendered text and blocks only. */
export function messageArgs(reply: Reply): MessageArgs {
  const { text, blocks } = renderSlack(reply);
  return { text, blocks };
}

/** For ack() and respond(): whether it is ephemeral follows the reply, unless forced. */
export function responseArgs(reply: Reply, forceEphemeral = false) {
  const message = renderSlack(reply);
  return {
    ...message,
    response_type: forceEphemeral ? ('ephemeral' as const) : message.response_type,
  };
}
