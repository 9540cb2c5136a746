// Interactions: `/pin` subcommands (a bare `/pin check` opens a modal), their
// autocomplete, the modal's submission, and the two message context-menu commands.
// Each answers within Discord's 3 seconds: the core is fast, so it replies directly,
// and defers only where it posts a channel message first.
import {
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { recordAsked } from '../../core/ask.js';
import { decideCanonical } from '../../core/canonical.js';
import type { Actor, AnyCommand } from '../../core/command.js';
import { runCommand } from '../../core/dispatch.js';
import type { Logger, Services } from '../../core/ports.js';
import { errorReply, type Reply } from '../../core/reply.js';
import { channelMessage, interactionEdit, interactionReply } from './messages.js';
import {
  focusedOptionSchema,
  invokerSchema,
  modalCodeSchema,
  pinOptionsSchema,
  targetMessageSchema,
  type TargetMessage,
} from './payloads.js';
import { MESSAGE_ACTIONS } from './register.js';
import { renderDiscord } from './render.js';

export interface InteractionDeps {
  client: Client;
  services: Services;
  commands: readonly AnyCommand[];
  rootName: string;
  logger: Logger;
}

export const CHECK_MODAL = { customId: 'pinbot:check', input: 'code' } as const;

/** Discord's limits for autocomplete answers. */
const AUTOCOMPLETE = { choices: 25, length: 100 } as const;

/** Autocomplete options whose value is free text (a question), not a topic id. */
const FREE_TEXT_OPTIONS = new Set(['question']);

const UNREADABLE = errorReply('I could not read that request from Discord. Please try again.');

const MODERATOR_BITS = PermissionFlagsBits.ManageMessages | PermissionFlagsBits.Administrator;

export function discordActor(interaction: Interaction): Actor {
  const invoker = invokerSchema.parse({
    id: interaction.user.id,
    displayName: interaction.user.displayName,
    bot: interaction.user.bot,
    permissions: interaction.memberPermissions?.bitfield ?? null,
  });
  return {
    id: invoker.id,
    displayName: invoker.displayName,
    // Manage Messages in this channel (or Administrator); nobody outside a guild.
    isModerator: invoker.permissions !== null && (invoker.permissions & MODERATOR_BITS) !== 0n,
    platform: 'discord',
  };
}

/** Sends a Reply as the interaction's answer, whatever state the interaction is in. */
export async function answer(
  interaction: RepliableInteraction,
  reply: Reply,
  ephemeral = false,
): Promise<void> {
  const message = renderDiscord(reply);
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply(interactionEdit(message));
  } else if (interaction.replied) {
    await interaction.followUp(interactionReply(message, true));
  } else {
    await interaction.reply(interactionReply(message, ephemeral));
  }
}

export async function handleInteraction(
  interaction: Interaction,
  deps: InteractionDeps,
): Promise<void> {
  if (interaction.isAutocomplete()) {
    await autocomplete(interaction, deps);
  } else if (interaction.isChatInputCommand()) {
    await chatInput(interaction, deps);
  } else if (interaction.isMessageContextMenuCommand()) {
    await messageAction(interaction, deps);
  } else if (interaction.isModalSubmit()) {
    await modalSubmit(interaction, deps);
  } else if (interaction.isRepliable()) {
    await answer(interaction, errorReply('I do not know that command.'), true);
  }
}

function command(deps: InteractionDeps, name: string): AnyCommand | undefined {
  return deps.commands.find((candidate) => candidate.name === name);
}

async function chatInput(interaction: ChatInputCommandInteraction, deps: InteractionDeps) {
  const parsed = pinOptionsSchema.safeParse(interaction.options.data);
  const found = parsed.success ? command(deps, parsed.data.name) : undefined;
  if (interaction.commandName !== deps.rootName || !parsed.success || !found) {
    deps.logger.warn({ command: interaction.commandName }, 'unreadable chat command');
    await answer(interaction, UNREADABLE, true);
    return;
  }
  const raw: Record<string, unknown> = {};
  for (const option of parsed.data.options) {
    if (option.value !== undefined) raw[option.name] = option.value;
  }
  if (found.name === 'check' && raw.code === undefined) {
    await interaction.showModal(checkModal());
    return;
  }
  const reply = await runCommand(found, raw, {
    services: deps.services,
    actor: discordActor(interaction),
  });
  await answer(interaction, reply);
}

function checkModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(CHECK_MODAL.customId)
    .setTitle('Check Rust code for pinning mistakes')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Code')
        .setDescription('A snippet, a whole file or a compiler error; fenced or bare')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(CHECK_MODAL.input)
            .setStyle(TextInputStyle.Paragraph)
            .setRequired(true)
            .setMaxLength(4000),
        ),
    );
}

async function modalSubmit(interaction: ModalSubmitInteraction, deps: InteractionDeps) {
  const check = command(deps, 'check');
  const field = interaction.fields.fields.get(CHECK_MODAL.input);
  const code = modalCodeSchema.safeParse(field && 'value' in field ? field.value : undefined);
  if (interaction.customId !== CHECK_MODAL.customId || !check || !code.success) {
    deps.logger.warn({ modal: interaction.customId }, 'unreadable modal submission');
    await answer(interaction, UNREADABLE, true);
    return;
  }
  const reply = await runCommand(
    check,
    { code: code.data },
    {
      services: deps.services,
      actor: discordActor(interaction),
    },
  );
  await answer(interaction, reply, true);
}

function clip(text: string): string {
  return text.length <= AUTOCOMPLETE.length ? text : `${text.slice(0, AUTOCOMPLETE.length - 1)}…`;
}

async function autocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps) {
  const focused = focusedOptionSchema.safeParse(interaction.options.getFocused(true));
  if (!focused.success) {
    await interaction.respond([]);
    return;
  }
  const topics = deps.services.knowledge.suggest(focused.data.value, AUTOCOMPLETE.choices);
  const freeText = FREE_TEXT_OPTIONS.has(focused.data.name);
  const choices: ApplicationCommandOptionChoiceData<string>[] = topics.map((topic) => ({
    name: clip(freeText ? topic.title : `${topic.title} (${topic.id})`),
    value: clip(freeText ? topic.title : topic.id),
  }));
  await interaction.respond(choices.slice(0, AUTOCOMPLETE.choices));
}

async function messageAction(
  interaction: MessageContextMenuCommandInteraction,
  deps: InteractionDeps,
) {
  const target = targetMessageSchema.safeParse(interaction.targetMessage);
  if (!target.success) {
    deps.logger.warn({ command: interaction.commandName }, 'unreadable target message');
    await answer(interaction, UNREADABLE, true);
    return;
  }
  switch (interaction.commandName) {
    case MESSAGE_ACTIONS.checkPinning:
      await checkPinning(interaction, target.data, deps);
      return;
    case MESSAGE_ACTIONS.answerWithCanonical:
      await answerWithCanonical(interaction, target.data, deps);
      return;
    default:
      await answer(interaction, errorReply('I do not know that command.'), true);
  }
}

async function checkPinning(
  interaction: MessageContextMenuCommandInteraction,
  target: TargetMessage,
  deps: InteractionDeps,
) {
  const check = command(deps, 'check');
  if (!check) throw new Error('the check command is not registered');
  const text = target.content.trim();
  const reply = await runCommand(check, text.length > 0 ? { code: text } : {}, {
    services: deps.services,
    actor: discordActor(interaction),
  });
  await answer(interaction, reply, true);
}

async function answerWithCanonical(
  interaction: MessageContextMenuCommandInteraction,
  target: TargetMessage,
  deps: InteractionDeps,
) {
  const actor = discordActor(interaction);
  const link = command(deps, 'link');
  if (!link) throw new Error('the link command is not registered');
  if (!actor.isModerator) {
    await answer(interaction, errorReply('Only moderators can use this command.'), true);
    return;
  }
  const decision = decideCanonical(target.content, deps.services.knowledge);
  if (!decision.post) {
    await answer(interaction, decision.reply, true);
    return;
  }
  const { topic, question, route } = decision;
  const author = target.author.bot ? undefined : target.author.id;
  const reply = await runCommand(
    link,
    { topic, ...(author ? { user: author } : {}) },
    { services: deps.services, actor },
  );
  if (reply.tone === 'error') {
    await answer(interaction, reply, true);
    return;
  }
  // Posting in the channel is a second call: defer so the 3 seconds cannot run out.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await deps.client.rest.post(Routes.channelMessages(target.channelId), {
    body: {
      ...channelMessage(renderDiscord(reply)),
      message_reference: { message_id: target.id, fail_if_not_exists: false },
    },
  });
  await recordAsked(deps.services, 'discord', question, route);
  await answer(interaction, {
    tone: 'info',
    title: 'Canonical answer posted',
    blocks: [
      {
        kind: 'text',
        text: `Posted **${reply.title}** as a reply to that message.`,
        importance: 'essential',
      },
    ],
    ephemeral: true,
  });
}
