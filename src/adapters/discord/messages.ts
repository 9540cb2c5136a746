// The rendered Discord payload (renderDiscord) in the two shapes the adapter sends:
// discord.js reply options for interactions, and the raw JSON body of a channel
// message. Mentions always come from renderDiscord: nobody else is ever pinged.
import {
  MessageFlags,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import type { DiscordMessage } from './render.js';

/** Reply options for an interaction; `ephemeral` forces the answer to be private. */
export function interactionReply(
  message: DiscordMessage,
  ephemeral = false,
): InteractionReplyOptions {
  const isEphemeral = ephemeral || ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: message.allowed_mentions,
    ...(isEphemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Options for editing a deferred reply (its visibility was fixed when it was deferred). */
export function interactionEdit(message: DiscordMessage): InteractionEditReplyOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    allowedMentions: message.allowed_mentions,
  };
}

/** The JSON body of `POST /channels/{id}/messages`: channel messages cannot be ephemeral. */
export function channelMessage(message: DiscordMessage): Omit<DiscordMessage, 'flags'> {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowed_mentions: message.allowed_mentions,
  };
}
