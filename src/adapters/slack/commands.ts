// The `/pin` slash command and the `/pin check` modal. Slack wants an answer
// within 3 seconds: every path acknowledges first (with the answer itself when it
// is an error found while reading the text), then answers through response_url.
import type { App } from '@slack/bolt';
import { runCommand } from '../../core/dispatch.js';
import { isUserError } from '../../core/errors.js';
import { parseCommandText, type ParsedText } from '../../core/parse-text.js';
import { errorReply, type Reply } from '../../core/reply.js';
import { findCommand, messageArgs, responseArgs, slackActor, type SlackDeps } from './context.js';
import { guard } from './errors.js';
import {
  checkModalMetadataSchema,
  fromSlackText,
  slashCommandSchema,
  viewSubmissionSchema,
} from './payloads.js';

export const CHECK_MODAL = { callbackId: 'pin_check', blockId: 'code', actionId: 'code' } as const;

function checkModal(channel: string) {
  return {
    type: 'modal' as const,
    callback_id: CHECK_MODAL.callbackId,
    private_metadata: JSON.stringify({ channel }),
    title: { type: 'plain_text' as const, text: 'Check pinning' },
    submit: { type: 'plain_text' as const, text: 'Check' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input' as const,
        block_id: CHECK_MODAL.blockId,
        label: { type: 'plain_text' as const, text: 'Rust code, or a compiler error' },
        element: {
          type: 'plain_text_input' as const,
          action_id: CHECK_MODAL.actionId,
          multiline: true,
          max_length: 3000,
          placeholder: { type: 'plain_text' as const, text: 'Paste the code here' },
        },
      },
    ],
  };
}

const UNREADABLE = errorReply('I could not read that request from Slack. Please try again.');

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/pin', async ({ body, ack, respond, client }) => {
    const state = { acked: false };
    const acknowledge = async (reply?: Reply) => {
      if (state.acked) return;
      state.acked = true;
      await (reply ? ack(responseArgs(reply, true)) : ack());
    };
    const answer = async (reply: Reply, forceEphemeral = false) => {
      if (!state.acked) await acknowledge(reply);
      else await respond(responseArgs(reply, forceEphemeral));
    };
    await deps.inFlight.track(
      guard(
        'command',
        deps.logger,
        async () => {
          const parsed = slashCommandSchema.safeParse(body);
          if (!parsed.success) {
            deps.logger.warn({ issues: parsed.error.issues.length }, 'unreadable slash command');
            await acknowledge(UNREADABLE);
            return;
          }
          const command = parsed.data;
          let target: ParsedText;
          try {
            target = parseCommandText(fromSlackText(command.text), deps.commands);
          } catch (error) {
            if (!isUserError(error)) throw error;
            await acknowledge(errorReply(error.message));
            return;
          }
          await acknowledge();
          if (target.command.name === 'check' && target.options.code === undefined) {
            await client.views.open({
              trigger_id: command.trigger_id,
              view: checkModal(command.channel_id),
            });
            return;
          }
          const actor = await slackActor(deps, command.user_id, command.user_name);
          const reply = await runCommand(target.command, target.options, {
            services: deps.services,
            actor,
          });
          await answer(reply);
        },
        (reply) => answer(reply, true),
      ),
    );
    // Whatever happened, Slack must not wait for an acknowledgement.
    await acknowledge();
  });

  app.view(CHECK_MODAL.callbackId, async ({ body, ack, client }) => {
    await ack();
    let reachable: { channel: string; user: string } | undefined;
    await deps.inFlight.track(
      guard(
        'check-modal',
        deps.logger,
        async () => {
          const submission = viewSubmissionSchema.parse(body);
          const metadata = checkModalMetadataSchema.parse(
            JSON.parse(submission.view.private_metadata),
          );
          reachable = { channel: metadata.channel, user: submission.user.id };
          const code =
            submission.view.state.values[CHECK_MODAL.blockId]?.[CHECK_MODAL.actionId]?.value ?? '';
          const actor = await slackActor(
            deps,
            submission.user.id,
            submission.user.name ?? submission.user.username,
          );
          const reply = await runCommand(
            findCommand(deps, 'check'),
            { code },
            { services: deps.services, actor },
          );
          await client.chat.postEphemeral({ ...reachable, ...messageArgs(reply) });
        },
        async (reply) => {
          if (!reachable) return;
          await client.chat.postEphemeral({ ...reachable, ...messageArgs(reply) });
        },
      ),
    );
  });
}
