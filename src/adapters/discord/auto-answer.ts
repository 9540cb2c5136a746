// Auto-answer: a new thread in a forum channel (title = thread name, body = its
// starter message) is triaged; a confident one gets one reply in the thread, and
// only one per thread ever (the store's claim survives restarts).
//
// The starter message's text needs the privileged Message Content intent: without
// it Discord returns the message with empty content, and triage reads the title alone.
import {
  ChannelType,
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  type AnyThreadChannel,
  type Client,
} from 'discord.js';
import { recordAsked } from '../../core/ask.js';
import type { Logger, Services } from '../../core/ports.js';
import { triagePost } from '../../core/triage.js';
import { channelMessage } from './messages.js';
import { starterMessageSchema, threadSchema, type StarterMessage } from './payloads.js';
import { renderDiscord } from './render.js';

export interface AutoAnswerDeps {
  client: Client;
  services: Services;
  logger: Logger;
  /** Forum channels to answer in; empty: every forum channel the bot sees. */
  forumChannels: ReadonlySet<string>;
}

export async function handleThreadCreate(
  thread: AnyThreadChannel,
  newlyCreated: boolean,
  deps: AutoAnswerDeps,
): Promise<void> {
  if (!newlyCreated) return;
  const parsed = threadSchema.safeParse(thread);
  if (!parsed.success) {
    deps.logger.debug({ issues: parsed.error.issues.length }, 'unreadable thread');
    return;
  }
  const post = parsed.data;
  if (post.parentId === null) return;
  if (deps.forumChannels.size > 0 && !deps.forumChannels.has(post.parentId)) return;
  if (post.ownerId !== null && post.ownerId === deps.client.user?.id) return;
  const parent = thread.parent ?? (await deps.client.channels.fetch(post.parentId));
  if (parent?.type !== ChannelType.GuildForum) return;

  const starter = await fetchStarter(deps, post.id);
  if (!starter || starter.author.bot === true) return;
  const outcome = triagePost({ title: post.name, body: starter.content }, deps.services);
  if (!outcome.answer || !outcome.reply) return;
  if (!(await deps.services.store.claimAutoReply(`discord:${post.id}`))) return;
  await deps.client.rest.post(Routes.channelMessages(post.id), {
    body: channelMessage(renderDiscord(outcome.reply)),
  });
  deps.logger.info({ thread: post.id, topic: outcome.topic }, 'forum post answered');
  await recordAsked(deps.services, 'discord', `${post.name}\n${starter.content}`.trim(), {
    topic: outcome.topic,
    confidence: outcome.confidence,
    alternatives: [],
    abstention: null,
  });
}

/** A forum thread's starter message has the thread's id; null when it is gone. */
async function fetchStarter(
  deps: AutoAnswerDeps,
  threadId: string,
): Promise<StarterMessage | null> {
  let raw: unknown;
  try {
    raw = await deps.client.rest.get(Routes.channelMessage(threadId, threadId));
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
      deps.logger.debug({ thread: threadId }, 'forum post has no starter message');
      return null;
    }
    throw error;
  }
  const parsed = starterMessageSchema.safeParse(raw);
  if (!parsed.success) {
    deps.logger.warn({ thread: threadId }, 'unreadable starter message');
    return null;
  }
  return parsed.data;
}
