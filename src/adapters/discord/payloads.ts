// What the adapter reads from Discord, validated with zod: the fields it uses of
// the interactions and threads discord.js hands over, and the raw REST answers it
// fetches itself (a forum thread's starter message). Only named fields are kept.
import { ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';

export const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id');

/** Who ran an interaction; permissions are null outside a guild. */
export const invokerSchema = z.object({
  id: snowflake,
  displayName: z.string().min(1).max(100),
  bot: z.boolean(),
  permissions: z.bigint().nullable(),
});
export type Invoker = z.infer<typeof invokerSchema>;

const optionValue = z.union([z.string(), z.number(), z.boolean()]);

const leafOptionSchema = z.object({
  name: z.string().min(1).max(32),
  type: z.number().int(),
  value: optionValue.optional(),
  focused: z.boolean().optional(),
});

/** `/pin <subcommand> [options]`: exactly one subcommand with its options. */
export const pinOptionsSchema = z
  .tuple([
    z.object({
      name: z.string().min(1).max(32),
      type: z.literal(ApplicationCommandOptionType.Subcommand),
      options: z.array(leafOptionSchema).default([]),
    }),
  ])
  .transform(([subcommand]) => subcommand);
export type PinOptions = z.infer<typeof pinOptionsSchema>;

/** The option being typed in an autocomplete interaction. */
export const focusedOptionSchema = z.object({
  name: z.string().min(1).max(32),
  value: z.string().max(6000),
});

/** The message a context-menu command was used on. */
export const targetMessageSchema = z.object({
  id: snowflake,
  channelId: snowflake,
  content: z.string(),
  author: z.object({ id: snowflake, bot: z.boolean() }),
});
export type TargetMessage = z.infer<typeof targetMessageSchema>;

/** The code pasted in the `/pin check` modal (Discord caps a text input at 4000). */
export const modalCodeSchema = z.string().max(4000);

/** A thread as discord.js passes it to `threadCreate`. */
export const threadSchema = z.object({
  id: snowflake,
  guildId: snowflake,
  name: z.string().max(200),
  parentId: snowflake.nullable(),
  ownerId: snowflake.nullable(),
});
export type Thread = z.infer<typeof threadSchema>;

/**
 * A forum thread's starter message from `GET /channels/{thread}/messages/{thread}`.
 * Its `content` is empty unless the bot has the Message Content intent.
 */
export const starterMessageSchema = z.object({
  id: snowflake,
  content: z.string().default(''),
  author: z.object({ id: snowflake, bot: z.boolean().optional() }),
});
export type StarterMessage = z.infer<typeof starterMessageSchema>;
