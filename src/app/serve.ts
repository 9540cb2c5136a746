// `pinbot serve`: runs the front ends whose credentials are set; with none set,
// the local console. Configuration errors stop it with one line naming the variable.
import type { Logger as PinoLogger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import type { Services } from '../core/ports.js';
import type { Io } from './io.js';
import { runConsole } from '../adapters/console/repl.js';
import {
  SlackAuthError,
  SlackUnavailableError,
  startSlackAdapter,
  type SlackAdapter,
} from '../adapters/slack/app.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';

export async function serve(io: Io): Promise<number> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`pinbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.DISCORD_TOKEN) {
    io.stderr.write(
      'pinbot: DISCORD_TOKEN is set, but this build has no Discord adapter yet; unset it to run Slack or the console\n',
    );
    return 2;
  }
  let services;
  try {
    services = await createServices(logger, config.DATABASE_URL);
  } catch (error) {
    // An unwritable folder or a file that is not a database: the operator's to fix.
    io.stderr.write(
      `pinbot: invalid configuration: DATABASE_URL cannot be opened (${(error as Error).message})\n`,
    );
    return 2;
  }
  if (config.SLACK_BOT_TOKEN)
    return serveSlack(config, config.SLACK_BOT_TOKEN, services, logger, io);
  logger.debug({ topics: services.knowledge.topics().length }, 'console starting');
  // A clean shutdown: closing the input lets the console finish the reply in progress.
  const stop = () => {
    io.stdin.emit('end');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await runConsole({
    input: io.stdin,
    output: io.stdout,
    commands: COMMANDS,
    context: {
      services,
      actor: { id: 'console', displayName: 'you', isModerator: true, platform: 'console' },
    },
    style: { color: io.color },
  });
  await services.store.close();
  return 0;
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

async function serveSlack(
  config: Config,
  botToken: string,
  services: Services,
  root: PinoLogger,
  io: Io,
): Promise<number> {
  const logger = root.child({ adapter: 'slack' });
  let adapter: SlackAdapter;
  try {
    adapter = await startSlackAdapter({
      botToken,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      port: config.PORT,
      autoAnswerChannels: config.SLACK_AUTO_ANSWER_CHANNEL_IDS,
      moderatorIds: config.SLACK_MODERATOR_IDS,
      services,
      commands: COMMANDS,
      logger,
    });
  } catch (error) {
    await services.store.close();
    if (error instanceof SlackAuthError) {
      io.stderr.write(`pinbot: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SlackUnavailableError) {
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
  const signal = await shutdownSignal();
  logger.info({ signal }, 'shutting down');
  await adapter.stop();
  await services.store.close();
  return 0;
}
