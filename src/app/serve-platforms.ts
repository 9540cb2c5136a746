// `pinbot serve` with platform credentials: starts Discord and/or Slack on the same
// services, answers GET /healthz on PORT, and on SIGINT or SIGTERM stops everything
// in reverse order (answers in flight first), then closes the store.
import type { Logger as PinoLogger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import {
  createDiscordAdapter,
  DiscordStartError,
  DiscordUnavailableError,
  type DiscordAdapter,
} from '../adapters/discord/client.js';
import { SlackAuthError, SlackUnavailableError, startSlackAdapter } from '../adapters/slack/app.js';
import { healthBody, type AdapterHealth } from '../core/health.js';
import type { Services } from '../core/ports.js';
import type { Config } from './config.js';
import { startHealthServer } from './health.js';
import type { Io } from './io.js';

interface Running {
  stop(): Promise<void>;
}

export async function servePlatforms(
  config: Config,
  services: Services,
  root: PinoLogger,
  io: Io,
): Promise<number> {
  const running: Running[] = [];
  const stopAll = async () => {
    for (const part of running.reverse()) await part.stop();
    await services.store.close();
  };
  try {
    const discord = config.DISCORD_TOKEN ? await startDiscord(config, services, root) : null;
    if (discord) running.push(discord);
    const report = async (slack?: AdapterHealth) =>
      healthBody(
        {
          ...(discord ? { discord: discord.health() } : {}),
          ...(slack ? { slack } : {}),
        },
        { reachable: await services.store.ping() },
      );
    if (config.SLACK_BOT_TOKEN) {
      running.push(
        await startSlackAdapter({
          botToken: config.SLACK_BOT_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          appToken: config.SLACK_APP_TOKEN,
          apiUrl: config.SLACK_API_URL,
          port: config.PORT,
          autoAnswerChannels: config.SLACK_AUTO_ANSWER_CHANNEL_IDS,
          moderatorIds: config.SLACK_MODERATOR_IDS,
          services,
          commands: COMMANDS,
          logger: root.child({ adapter: 'slack' }),
          healthReport: report,
        }),
      );
    } else {
      const health = await startHealthServer(config.PORT, () => report());
      root.info({ port: health.port }, 'health endpoint listening');
      running.push({ stop: () => health.close() });
    }
  } catch (error) {
    await stopAll();
    return startupFailure(error, config, io);
  }
  const signal = await shutdownSignal();
  root.info({ signal }, 'shutting down');
  await stopAll();
  return 0;
}

async function startDiscord(
  config: Config,
  services: Services,
  root: PinoLogger,
): Promise<DiscordAdapter> {
  const adapter = createDiscordAdapter({
    config,
    services,
    logger: root.child({ adapter: 'discord' }),
    messageContent: config.DISCORD_MESSAGE_CONTENT,
  });
  await adapter.start();
  return adapter;
}

/** One line on stderr: 2 when a variable is the operator's to fix, 1 when a platform is unreachable. */
function startupFailure(error: unknown, config: Config, io: Io): number {
  if (error instanceof DiscordStartError || error instanceof SlackAuthError) {
    io.stderr.write(`pinbot: ${error.message}\n`);
    return 2;
  }
  if (error instanceof SlackUnavailableError || error instanceof DiscordUnavailableError) {
    io.stderr.write(`pinbot: ${error.message}\n`);
    return 1;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    io.stderr.write(
      `pinbot: invalid configuration: PORT ${config.PORT} cannot be used (${code})\n`,
    );
    return 2;
  }
  throw error;
}

/** Resolves on the first SIGINT or SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
