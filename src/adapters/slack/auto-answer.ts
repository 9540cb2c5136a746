// Auto-answer: an `app_mention` anywhere, and new top-level messages in the
// auto-answer channels, are triaged; a confident one gets one reply in its
// thread, and only one per thread ever (the store's claim survives restarts).
import type { App } from '@slack/bolt';
import { recordAsked } from '../../core/ask.js';
import { triagePost } from '../../core/triage.js';
import { messageArgs, type SlackDeps } from './context.js';
import { guard } from './errors.js';
import { appMentionSchema, asPost, fromSlackText, messageEventSchema } from './payloads.js';

interface Post {
  channel: string;
  ts: string;
  thread_ts?: string | undefined;
  text: string;
  user?: string | undefined;
  bot_id?: string | undefined;
}

export function registerAutoAnswer(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client }) => {
    let asker: { channel: string; user: string } | undefined;
    await deps.inFlight.track(
      guard(
        'app_mention',
        deps.logger,
        async () => {
          const parsed = appMentionSchema.safeParse(event);
          if (!parsed.success) {
            deps.logger.warn({ issues: parsed.error.issues.length }, 'unreadable app_mention');
            return;
          }
          const mention = parsed.data;
          if (mention.user && !mention.bot_id)
            asker = { channel: mention.channel, user: mention.user };
          await autoAnswer(mention, app, deps);
        },
        // They asked the bot by name: tell them when it failed.
        async (reply) => {
          if (asker) await client.chat.postEphemeral({ ...asker, ...messageArgs(reply) });
        },
      ),
    );
  });

  app.event('message', async ({ event }) => {
    await deps.inFlight.track(
      guard('message', deps.logger, async () => {
        const parsed = messageEventSchema.safeParse(event);
        if (!parsed.success) {
          deps.logger.debug({ issues: parsed.error.issues.length }, 'unreadable message event');
          return;
        }
        const message = parsed.data;
        // Only new top-level posts by people, in the channels named for it.
        if (!deps.autoAnswerChannels.has(message.channel)) return;
        if (message.thread_ts !== undefined || message.subtype !== undefined) return;
        await autoAnswer(message, app, deps);
      }),
    );
  });
}

async function autoAnswer(post: Post, app: App, deps: SlackDeps): Promise<void> {
  // Never answer itself or another bot.
  if (post.bot_id !== undefined || post.user === undefined || post.user === deps.botUserId) return;
  const ownMention = new RegExp(`<@${deps.botUserId}(?:\\|[^>]*)?>`, 'g');
  const text = fromSlackText(post.text.replace(ownMention, ' ')).trim();
  const outcome = triagePost(asPost(text), deps.services);
  if (!outcome.answer || !outcome.reply) return;
  const root = post.thread_ts ?? post.ts;
  if (!(await deps.services.store.claimAutoReply(`slack:${post.channel}:${root}`))) return;
  await app.client.chat.postMessage({
    channel: post.channel,
    thread_ts: root,
    ...messageArgs(outcome.reply),
  });
  await recordAsked(deps.services, 'slack', text, {
    topic: outcome.topic,
    confidence: outcome.confidence,
    alternatives: [],
    abstention: null,
  });
}
