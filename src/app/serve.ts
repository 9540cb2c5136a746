// `pinbot serve`: runs the front ends whose credentials are set; with none set,
// the local console. Configuration errors stop it with one line naming the variable.
import { COMMANDS } from '../../commands/index.js';
import type { Io } from './io.js';
import { runConsole } from '../adapters/console/repl.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './logger.js';
import { servePlatforms } from './serve-platforms.js';
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
  let services;
  try {
    services = await createServices(logger, config.DATABASE_URL);
  } catch (error) {
    // An unwritable folder, a file that is not a database, a server that refuses us:
    // the operator's to fix. One line; the URL itself is not repeated (it may hold a password).
    const reason = (error as Error).message.replace(/\s+/g, ' ').trim();
    io.stderr.write(`pinbot: invalid configuration: DATABASE_URL cannot be opened (${reason})\n`);
    return 2;
  }
  if (config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN)
    return servePlatforms(config, services, logger, io);
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
