// Discord's application commands, generated from the command definitions: one
// `/pin` chat command with a subcommand per core command, and the two message
// context-menu commands. Registered at start, to one guild (instant, for
// development) or globally.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnyCommand, OptionDescriptor } from '../../core/command.js';

/** Names of the message context-menu commands: part of the outside interface. */
export const MESSAGE_ACTIONS = {
  checkPinning: 'Check pinning',
  answerWithCanonical: 'Answer with canonical',
} as const;

/** Discord's limits for command JSON. */
export const COMMAND_LIMITS = {
  name: 32,
  description: 100,
  stringMaxLength: 6000,
  choices: 25,
} as const;

/** Moderators are members with Manage Messages, as a permission bit set string. */
export const MODERATOR_PERMISSIONS = PermissionFlagsBits.ManageMessages.toString();

const GUILD_ONLY = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function optionJson(option: OptionDescriptor): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: clip(option.description, COMMAND_LIMITS.description),
    required: option.required,
  };
  switch (option.kind) {
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'choice':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (option.choices ?? [])
          .slice(0, COMMAND_LIMITS.choices)
          .map((choice) => ({ name: choice, value: choice })),
      };
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        max_length: Math.min(option.maxLength ?? COMMAND_LIMITS.stringMaxLength, 6000),
        ...(option.autocomplete ? { autocomplete: true } : {}),
      };
  }
}

function subcommandJson(command: AnyCommand): APIApplicationCommandSubcommandOption {
  // Discord rejects a required option after an optional one: required ones first.
  const ordered = [
    ...command.options.filter((option) => option.required),
    ...command.options.filter((option) => !option.required),
  ];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: clip(command.description, COMMAND_LIMITS.description),
    options: ordered.map(optionJson),
  };
}

/**
 * The JSON body of the bulk overwrite (`PUT .../commands`). Moderator subcommands
 * cannot carry their own default permissions inside one top-level command, so
 * `/pin` is open to everyone and moderator subcommands are checked when they run.
 */
export function commandRegistration(
  root: { name: string; description: string },
  commands: readonly AnyCommand[],
): RESTPostAPIApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: root.name,
      description: clip(root.description, COMMAND_LIMITS.description),
      options: commands.map(subcommandJson),
      ...GUILD_ONLY,
    },
    {
      type: ApplicationCommandType.Message,
      name: MESSAGE_ACTIONS.checkPinning,
      ...GUILD_ONLY,
    },
    {
      type: ApplicationCommandType.Message,
      name: MESSAGE_ACTIONS.answerWithCanonical,
      default_member_permissions: MODERATOR_PERMISSIONS,
      ...GUILD_ONLY,
    },
  ];
}

/** Overwrites the application's commands: in one guild when `guildId` is set, else globally. */
export async function registerCommands(
  rest: REST,
  target: { applicationId: string; guildId?: string | undefined },
  body: RESTPostAPIApplicationCommandsJSONBody[],
): Promise<void> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
}
