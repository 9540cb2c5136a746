// What the adapter reads from Slack, validated with zod: request payloads (slash
// commands, shortcuts, view submissions, events) and the few Web API answers it uses.
// Only the fields the adapter needs are named; Slack may send more.
import { z } from 'zod';

const id = z.string().min(1);

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  trigger_id: id,
  response_url: z.url(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const messageShortcutSchema = z.object({
  type: z.literal('message_action'),
  callback_id: z.string(),
  trigger_id: id,
  response_url: z.url(),
  user: z.object({ id, name: z.string().optional(), username: z.string().optional() }),
  channel: z.object({ id }),
  message: z.object({
    ts: id,
    text: z.string().default(''),
    thread_ts: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
  }),
});
export type MessageShortcut = z.infer<typeof messageShortcutSchema>;

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id, name: z.string().optional(), username: z.string().optional() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.object({ value: z.string().nullish() }).loose()),
      ),
    }),
  }),
});

/** What the `/pin check` modal carries from the command to its submission. */
export const checkModalMetadataSchema = z.object({ channel: id });

/** A message event (`message.channels`, `message.groups`), before any filtering. */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  channel: id,
  ts: id,
  text: z.string().default(''),
  user: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

export const appMentionSchema = z.object({
  type: z.literal('app_mention'),
  channel: id,
  ts: id,
  text: z.string().default(''),
  user: z.string().optional(),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
});

export const authTestSchema = z.object({
  ok: z.literal(true),
  user_id: id,
  bot_id: id.optional(),
  team: z.string().optional(),
});

export const usersInfoSchema = z.object({
  user: z.object({
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
  }),
});

export const usergroupUsersSchema = z.object({ users: z.array(z.string()) });

/**
 * Message text as a person typed it: Slack escapes `&`, `<` and `>` in message
 * text (`Pin&lt;&amp;mut T&gt;`), which would hide code from the checker.
 */
export function fromSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Splits a chat message into a forum-style post: the first line is the title. */
export function asPost(text: string): { title: string; body: string } {
  const [title = '', ...body] = text.trim().split(/\r?\n/);
  return { title, body: body.join('\n') };
}
