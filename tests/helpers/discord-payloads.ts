// Gateway payloads as Discord sends them (API v10), for the stand-in and the
// tests: one guild with a forum channel and a text channel, members with and
// without Manage Messages, interactions of every kind the adapter handles, threads.
export type JsonObject = Record<string, unknown>;

let counter = 0;
/** A fresh snowflake-shaped id for every call. */
export function nextId(): string {
  counter += 1;
  return String(1_100_000_000_000_000_000n + BigInt(counter));
}

export const IDS = {
  application: '1000000000000000001',
  bot: '1000000000000000001',
  guild: '1000000000000000100',
  forumChannel: '1000000000000000200',
  textChannel: '1000000000000000300',
  pinCommand: '1000000000000000400',
  checkPinningCommand: '1000000000000000401',
  answerCanonicalCommand: '1000000000000000402',
} as const;

/** Permission bits (as Discord sends them, in decimal strings). */
export const PERMISSIONS = {
  member: String((1n << 10n) | (1n << 11n)), // View Channel, Send Messages
  moderator: String((1n << 10n) | (1n << 11n) | (1n << 13n)), // + Manage Messages
} as const;

export const BOT_USER = {
  id: IDS.bot,
  username: 'pinbot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
} as const;

export function user(id: string, username: string): JsonObject {
  return { id, username, discriminator: '0', global_name: null, avatar: null };
}

export const ASKER = user('1000000000000000500', 'ferris');
export const MODERATOR = user('1000000000000000600', 'crabby-mod');
export const OTHER_BOT = { ...user('1000000000000000700', 'otherbot'), bot: true };

function member(who: JsonObject, permissions: string): JsonObject {
  return {
    user: who,
    roles: [],
    nick: null,
    avatar: null,
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    permissions,
  };
}

const TEXT_CHANNEL = {
  id: IDS.textChannel,
  type: 0,
  guild_id: IDS.guild,
  name: 'rust-help',
  position: 0,
  permission_overwrites: [],
  nsfw: false,
  parent_id: null,
};

const FORUM_CHANNEL = {
  id: IDS.forumChannel,
  type: 15,
  guild_id: IDS.guild,
  name: 'async-questions',
  position: 1,
  permission_overwrites: [],
  nsfw: false,
  parent_id: null,
  available_tags: [],
  default_reaction_emoji: null,
  default_sort_order: null,
  default_forum_layout: 0,
};

export function guildCreatePayload(): JsonObject {
  return {
    id: IDS.guild,
    name: 'Rust Pinning Club',
    icon: null,
    owner_id: MODERATOR.id,
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    preferred_locale: 'en-US',
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: IDS.guild,
        name: '@everyone',
        permissions: PERMISSIONS.member,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [TEXT_CHANNEL, FORUM_CHANNEL],
    threads: [],
    members: [member(BOT_USER, PERMISSIONS.member)],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    system_channel_flags: 0,
    premium_tier: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
  };
}

export function messagePayload(
  options: { id?: string; channelId: string; author: JsonObject; content?: string } & JsonObject,
): JsonObject & { id: string; channel_id: string } {
  const { id, channelId, author, content, ...rest } = options;
  return {
    type: 0,
    tts: false,
    timestamp: '2024-06-01T12:00:00.000Z',
    edited_timestamp: null,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    ...rest,
    id: id ?? nextId(),
    channel_id: channelId,
    author,
    content: content ?? '',
  };
}

function interactionBase(type: number, who: JsonObject, permissions: string): JsonObject {
  return {
    id: nextId(),
    application_id: IDS.application,
    type,
    token: `interaction-token-${nextId()}`,
    version: 1,
    guild_id: IDS.guild,
    guild: { id: IDS.guild, locale: 'en-US', features: [] },
    channel_id: IDS.textChannel,
    channel: TEXT_CHANNEL,
    member: member(who, permissions),
    app_permissions: PERMISSIONS.moderator,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

export interface InteractionOptions {
  user?: JsonObject;
  permissions?: string;
}

/** `/pin <subcommand> name:value ...` (string options; a `user` option is a user id). */
export function chatInputInteraction(
  subcommand: string,
  options: Record<string, string> = {},
  who: InteractionOptions = {},
): JsonObject {
  return {
    ...interactionBase(2, who.user ?? ASKER, who.permissions ?? PERMISSIONS.member),
    data: {
      id: IDS.pinCommand,
      name: 'pin',
      type: 1,
      options: [
        {
          type: 1,
          name: subcommand,
          options: Object.entries(options).map(([name, value]) => ({
            name,
            type: name === 'user' ? 6 : 3,
            value,
          })),
        },
      ],
    },
  };
}

/** The user typing `value` into option `focused` of `/pin <subcommand>`. */
export function autocompleteInteraction(
  subcommand: string,
  focused: string,
  value: string,
): JsonObject {
  return {
    ...interactionBase(4, ASKER, PERMISSIONS.member),
    data: {
      id: IDS.pinCommand,
      name: 'pin',
      type: 1,
      options: [
        {
          type: 1,
          name: subcommand,
          options: [{ name: focused, type: 3, value, focused: true }],
        },
      ],
    },
  };
}

/** The `/pin check` modal submitted with `code` (a Label wrapping the text input). */
export function modalSubmitInteraction(code: string, customId = 'pinbot:check'): JsonObject {
  return {
    ...interactionBase(5, ASKER, PERMISSIONS.member),
    data: {
      custom_id: customId,
      components: [
        { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'code', value: code } },
      ],
    },
  };
}

/** A message context-menu command used on `message` (which Discord resolves in full). */
export function messageCommandInteraction(
  name: 'Check pinning' | 'Answer with canonical',
  message: JsonObject & { id: string },
  who: InteractionOptions = {},
): JsonObject {
  return {
    ...interactionBase(2, who.user ?? ASKER, who.permissions ?? PERMISSIONS.member),
    data: {
      id: name === 'Check pinning' ? IDS.checkPinningCommand : IDS.answerCanonicalCommand,
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  };
}

/** THREAD_CREATE for a new public thread (a forum post when the parent is the forum). */
export function threadPayload(options: {
  id?: string;
  parentId: string;
  name: string;
  ownerId?: string;
  newlyCreated?: boolean;
}): JsonObject & { id: string } {
  return {
    id: options.id ?? nextId(),
    type: 11,
    guild_id: IDS.guild,
    parent_id: options.parentId,
    owner_id: options.ownerId ?? String(ASKER.id),
    name: options.name,
    last_message_id: null,
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
    flags: 0,
    total_message_sent: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: 4320,
      archive_timestamp: '2024-06-01T12:00:00.000Z',
      locked: false,
      create_timestamp: '2024-06-01T12:00:00.000Z',
    },
    ...(options.newlyCreated === false ? {} : { newly_created: true }),
  };
}
