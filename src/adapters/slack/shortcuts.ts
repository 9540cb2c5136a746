// Message shortcuts: `check_pinning` (everyone: check the message's code, answer
// the user privately) and `answer_with_canonical` (moderators: post the topic's
// answer in the message's thread, addressed to its author, when routing is confident).
import type { App } from '@slack/bolt';
import { askQuestion, recordAsked } from '../../core/ask.js';
import { runCommand } from '../../core/dispatch.js';
import { isUserError } from '../../core/errors.js';
import type { Route } from '../../core/ports.js';
import { errorReply, type Reply, type TopicLink } from '../../core/reply.js';
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
    const question = fromSlackText(payload.message.text).trim();
    let route: Route;
    try {
      route = askQuestion({ question: question.slice(0, 4000) }, deps.services.knowledge).route;
    } catch (error) {
      if (!isUserError(error)) throw error;
      await respond(responseArgs(errorReply(error.message), true));
      return;
    }
    if (!route.topic) {
      await respond(responseArgs(closestTopics(route, deps), true));
      return;
    }
    const author = payload.message.bot_id ? undefined : payload.message.user;
    const reply = await runCommand(
      findCommand(deps, 'link'),
      { topic: route.topic, ...(author ? { user: author } : {}) },
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

function closestTopics(route: Route, deps: SlackDeps): Reply {
  const ids =
    route.abstention?.reason === 'not-confident' ? route.abstention.guesses : route.alternatives;
  const topics = ids.flatMap((id): TopicLink[] => {
    const topic = deps.services.knowledge.get(id);
    return topic ? [{ id, title: topic.title }] : [];
  });
  const blocks: Reply['blocks'] = [
    {
      kind: 'text',
      text:
        route.abstention?.reason === 'not-confident'
          ? 'I am not confident which topic this message is about, so I posted nothing.'
          : 'This message does not look like a question about Rust pinning, so I posted nothing.',
      importance: 'essential',
    },
  ];
  if (topics.length > 0)
    blocks.push({ kind: 'topics', heading: 'Closest topics', topics, importance: 'essential' });
  return { tone: 'abstain', title: 'No canonical answer posted', blocks, ephemeral: true };
}
