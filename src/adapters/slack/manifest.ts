// The Slack app manifest, generated from the command definitions: the `/pin`
// command with a usage hint built from the descriptors, the two message
// shortcuts, the events auto-answer needs and the bot scopes every handler uses.
import type { AnyCommand, OptionDescriptor } from '../../core/command.js';

/** Slack message shortcuts: callback ids are part of the outside interface. */
export const MESSAGE_SHORTCUTS = {
  checkPinning: {
    callback_id: 'check_pinning',
    name: 'Check pinning',
    description: 'Check the Rust code in this message for pinning mistakes',
  },
  answerWithCanonical: {
    callback_id: 'answer_with_canonical',
    name: 'Answer with canonical',
    description: 'Reply in the thread with the canonical answer (moderators)',
  },
} as const;

export const BOT_EVENTS = ['app_mention', 'message.channels', 'message.groups'] as const;

export const BOT_SCOPES = [
  'commands', // /pin and the message shortcuts
  'chat:write', // answers, ephemeral answers
  'chat:write.public', // canonical answers in public channels the bot has not joined
  'app_mentions:read', // app_mention
  'channels:history', // message.channels (auto-answer channels)
  'groups:history', // message.groups (private auto-answer channels)
  'users:read', // users.info: workspace admins and owners are moderators
  'usergroups:read', // usergroups.users.list: user groups in SLACK_MODERATOR_IDS
] as const;

export interface ManifestOptions {
  /** The app's name in Slack. */
  name?: string;
  description: string;
  /**
   * Public base URL of `pinbot serve` (HTTP mode): Slack sends everything to
   * `<url>/slack/events`. Without it the manifest enables Socket Mode.
   */
  url?: string;
}

function optionHint(option: OptionDescriptor): string {
  const label = option.kind === 'user' ? '@user' : option.name.toUpperCase();
  const shown = option.kind === 'choice' ? `--${option.name} ${label}` : label;
  return option.required ? shown : `[${shown}]`;
}

/** `ask [--level LEVEL] QUESTION | check [CODE] | ...`, strings last as they are typed. */
export function usageHint(commands: readonly AnyCommand[]): string {
  return commands
    .map((command) => {
      const ordered = [
        ...command.options.filter((option) => option.kind === 'choice'),
        ...command.options.filter((option) => option.kind !== 'choice'),
      ];
      return [command.name, ...ordered.map(optionHint)].join(' ');
    })
    .join(' | ');
}

export function slackManifest(commands: readonly AnyCommand[], options: ManifestOptions) {
  const name = options.name ?? 'pinbot';
  const requestUrl = options.url ? `${options.url.replace(/\/+$/, '')}/slack/events` : undefined;
  const withUrl = requestUrl ? { url: requestUrl } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: options.description.slice(0, 140) },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: '/pin',
          description: options.description.slice(0, 100),
          usage_hint: usageHint(commands).slice(0, 1000),
          should_escape: true,
          ...withUrl,
        },
      ],
      shortcuts: Object.values(MESSAGE_SHORTCUTS).map((shortcut) => ({
        name: shortcut.name,
        type: 'message',
        callback_id: shortcut.callback_id,
        description: shortcut.description,
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: {
        ...(requestUrl ? { request_url: requestUrl } : {}),
        bot_events: [...BOT_EVENTS],
      },
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}
