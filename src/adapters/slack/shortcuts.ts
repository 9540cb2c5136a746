// Message shortcuts: `check_pinning` (everyone: check the message's code, answer
// the user privately) and `answer_with_canonical` (moderators: post the topic's
// answer in the message's thread, addressed to its author, when routing is confident).
import type { App } from '@slack/bolt';
import { recordAsked } from '../../core/ask.js';
import { decideCanonical } from '../../core/canonical.js';
import { runCommand } from '../../core/dispatch.js';
import { errorReply, type Reply } from '../../core/reply.js';
import { findCommand, messageArgs, responseArgs, slackActor, type SlackDeps } from './context.js';
import { guard } from './errors.js';
import { MESSAGE_SHORTCUTS } from './manifest.js';
import { fromSlackText, messageShortcutSchema, type MessageShortcut } from './payloads.js';

const UNREADABLE = errorReply('I could not read that message from Slack. Please try again.');

type Respond = (message: ReturnType<typeof responseArgs>) => Promise<unknown>;

export function registerShortcuts(app: App, deps: SlackDeps): void {
  const shortcut = (
    callbackId: string,
    handle: (payload: MessageShortcut, respond: Respond) => Promise<void>,
  ) => {
    app.shortcut(callbackId, async ({ body, ack, respond }) => {
      await ack();
      const reply = async (answer: Reply) => {
        await respond(responseArgs(answer, true));
      };
      await deps.inFlight.track(
        guard(
          callbackId,
          deps.logger,
          async () => {
            const parsed = messageShortcutSchema.safeParse(body);
            if (!parsed.success) {
              deps.logger.warn({ issues: parsed.error.issues.length }, 'unreadable shortcut');
              await reply(UNREADABLE);
              return;
            }
            await handle(parsed.data, (message) => respond(message));
          },
          reply,
        ),
      );
    });
  };

  shortcut(MESSAGE_SHORTCUTS.checkPinning.callback_id, async (payload, respond) => {
    const actor = await slackActor(deps, payload.user.id, payload.user.name);
    const text = fromSlackText(payload.message.text).trim();
    const reply = await runCommand(
      findCommand(deps, 'check'),
      text.length > 0 ? { code: text } : {},
      { services: deps.services, actor },
    );
    await respond(responseArgs(reply, true));
  });

  shortcut(MESSAGE_SHORTCUTS.answerWithCanonical.callback_id, async (payload, respond) => {
    const actor = await slackActor(deps, payload.user.id, payload.user.name);
    if (!actor.isModerator) {
      await respond(responseArgs(errorReply('Only moderators can use this shortcut.'), true));
      return;
    }
    const decision = decideCanonical(fromSlackText(payload.message.text), deps.services.knowledge);
    if (!decision.post) {
      await respond(responseArgs(decision.reply, true));
      return;
    }
    const { topic, question, route } = decision;
    const author = payload.message.bot_id ? undefined : payload.message.user;
    const reply = await runCommand(
      findCommand(deps, 'link'),
      { topic, ...(author ? { user: author } : {}) },
      { services: deps.services, actor },
    );
    if (reply.tone === 'error') {
      await respond(responseArgs(reply, true));
      return;
    }
    await app.client.chat.postMessage({
      channel: payload.channel.id,
      thread_ts: payload.message.thread_ts ?? payload.message.ts,
      ...messageArgs(reply),
    });
    await recordAsked(deps.services, 'slack', question, route);
  });
}
