// The Discord adapter: a discord.js Client on the gateway (its URL comes from
// `GET /gateway/bot` on DISCORD_API_URL), the `/pin` and context-menu commands
// registered at start, interactions answered through the core, and one automatic
// answer per new forum thread.
//
// Intents: Guilds (threads, channels, interactions need no intent) and GuildMessages.
// The privileged Message Content intent is asked for only with `messageContent: true`
// (it must be enabled for the app in the developer portal, or the gateway refuses
// the connection); without it a forum post's body reads as empty and auto-answer
// triages its title alone. Context-menu targets carry their content either way.
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { COMMANDS, ROOT_COMMAND } from '../../../commands/index.js';
import type { AnyCommand } from '../../core/command.js';
import type { Logger, Services } from '../../core/ports.js';
import { handleThreadCreate } from './auto-answer.js';
import { describeError, FRIENDLY_ERROR, guard, InFlight } from './errors.js';
import { answer, handleInteraction } from './interactions.js';
import { commandRegistration, registerCommands } from './register.js';

export interface DiscordAdapterConfig {
  DISCORD_TOKEN?: string | undefined;
  DISCORD_APPLICATION_ID?: string | undefined;
  DISCORD_GUILD_ID?: string | undefined;
  DISCORD_API_URL: string;
  DISCORD_FORUM_CHANNEL_IDS: readonly string[];
}

export interface DiscordAdapterOptions {
  config: DiscordAdapterConfig;
  services: Services;
  logger: Logger;
  /** The /pin subcommands (default: the registry in commands/). */
  commands?: readonly AnyCommand[];
  /** Ask for the privileged Message Content intent, to read forum posts' bodies. */
  messageContent?: boolean;
  /** How long start() waits for the gateway to be ready (default 30 s). */
  readyTimeoutMs?: number;
}

export interface DiscordAdapter {
  /** Connects, waits for READY and the guilds, then registers the commands. */
  start(): Promise<void>;
  /** Waits for the answers in flight, then closes the gateway connection. */
  stop(): Promise<void>;
  health(): { connected: boolean };
  /** Resolves when every handler in flight has finished (for shutdowns and tests). */
  idle(): Promise<void>;
}

/** The adapter could not start: the message names the variable to look at. */
export class DiscordStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordStartError';
  }
}

/** Discord could not be reached, or never got ready: the network or Discord, not a setting. */
export class DiscordUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordUnavailableError';
  }
}

const READY_TIMEOUT_MS = 30_000;
/** discord.js can wait forever to destroy a shard that is still identifying. */
const DESTROY_TIMEOUT_MS = 2_000;

async function destroyWithin(client: Client, limit: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.destroy(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, limit);
    }),
  ]);
  clearTimeout(timer);
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, services } = options;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new DiscordStartError('DISCORD_TOKEN is required for the Discord adapter');
  const logger = options.logger;
  const commands = options.commands ?? COMMANDS;
  const inFlight = new InFlight();
  const forumChannels = new Set(config.DISCORD_FORUM_CHANNEL_IDS);

  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      ...(options.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    rest: { api: config.DISCORD_API_URL },
    // A safety net: every payload sets its own allowed_mentions from renderDiscord.
    allowedMentions: { parse: [] },
  });

  let connected = false;
  let started = false;
  let stopped = false;
  client.on(Events.ClientReady, (ready) => {
    connected = true;
    logger.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, 'discord connected');
  });
  client.on(Events.ShardReady, () => (connected = true));
  client.on(Events.ShardResume, () => (connected = true));
  client.on(Events.ShardDisconnect, () => (connected = false));
  client.on(Events.ShardReconnecting, () => (connected = false));
  client.on(Events.Warn, (message) => {
    logger.warn({ message }, 'discord warning');
  });
  client.on(Events.Error, (error) => {
    logger.error({ err: describeError(error, token) }, 'discord client error');
  });

  const interactionDeps = {
    client,
    services,
    commands,
    rootName: ROOT_COMMAND.name,
    logger,
  };
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const notify = interaction.isRepliable()
      ? () => answer(interaction, FRIENDLY_ERROR, true)
      : interaction.isAutocomplete() && !interaction.responded
        ? () => interaction.respond([])
        : undefined;
    inFlight.track(
      guard(
        `interaction:${interaction.type}`,
        logger,
        token,
        () => handleInteraction(interaction, interactionDeps),
        notify,
      ),
    );
  });
  client.on(Events.ThreadCreate, (thread, newlyCreated) => {
    inFlight.track(
      guard('threadCreate', logger, token, () =>
        handleThreadCreate(thread, newlyCreated, { client, services, logger, forumChannels }),
      ),
    );
  });

  return {
    async start() {
      if (started) throw new Error('the Discord adapter was already started');
      started = true;
      const ready = new Promise<void>((resolve) => {
        client.once(Events.ClientReady, () => {
          resolve();
        });
      });
      // A gateway that accepts the connection but never gets ready must not hang the start.
      const limit = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, limit);
      });
      try {
        const outcome = await Promise.race([
          client
            .login(token)
            .then(() => ready)
            .then(() => 'ready' as const),
          timeout,
        ]);
        if (outcome === 'timeout') {
          throw new DiscordUnavailableError(
            `Discord did not get ready within ${limit / 1000} s (check DISCORD_API_URL and the bot's intents)`,
          );
        }
      } catch (error) {
        await destroyWithin(client, DESTROY_TIMEOUT_MS);
        if (error instanceof DiscordUnavailableError) throw error;
        if ((error as { code?: unknown }).code === 'TokenInvalid') {
          throw new DiscordStartError('DISCORD_TOKEN was rejected by Discord');
        }
        const detail = describeError(error, token);
        throw new DiscordUnavailableError(
          `cannot connect to Discord at DISCORD_API_URL (${String(detail.message)})`,
        );
      } finally {
        clearTimeout(timer);
      }
      const applicationId = config.DISCORD_APPLICATION_ID ?? client.application?.id;
      try {
        if (!applicationId) throw new Error('READY named no application');
        await registerCommands(
          client.rest,
          { applicationId, guildId: config.DISCORD_GUILD_ID },
          commandRegistration(ROOT_COMMAND, commands),
        );
      } catch (error) {
        await client.destroy();
        connected = false;
        const where = config.DISCORD_GUILD_ID ? 'DISCORD_GUILD_ID' : 'DISCORD_APPLICATION_ID';
        throw new DiscordStartError(
          `cannot register the commands (check ${where}): ${String(describeError(error, token).message)}`,
        );
      }
      logger.info(
        { scope: config.DISCORD_GUILD_ID ? 'guild' : 'global' },
        'discord commands registered',
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await inFlight.idle();
      await client.destroy();
      connected = false;
    },
    health() {
      return { connected: connected && client.isReady() };
    },
    idle() {
      return inFlight.idle();
    },
  };
}
