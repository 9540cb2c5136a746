// All configuration comes from the environment (and .env when present), validated
// once at start-up. A bad value stops the process with one line naming the variable.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const snowflake = /^\d{15,22}$/;

export const configSchema = z.object({
  DISCORD_TOKEN: z.string().min(20).optional(),
  DISCORD_APPLICATION_ID: z.string().regex(snowflake, 'must be a numeric Discord id').optional(),
  DISCORD_GUILD_ID: z.string().regex(snowflake, 'must be a numeric Discord id').optional(),
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  DISCORD_FORUM_CHANNEL_IDS: commaList.pipe(
    z.array(z.string().regex(snowflake, 'must hold numeric Discord ids')),
  ),
  /** Ask Discord for forum posts' text (the privileged Message Content intent, enabled in the portal). */
  DISCORD_MESSAGE_CONTENT: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_AUTO_ANSWER_CHANNEL_IDS: commaList,
  SLACK_MODERATOR_IDS: commaList,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .min(1)
    .refine((url) => !/^postgres(?:ql)?:/i.test(url) || URL.canParse(url), {
      message: 'is not a valid postgres:// URL (postgres://user:password@host:port/database)',
    })
    .default('./data/pinbot.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, so `FOO=` in a .env file does not fail validation. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return config;
}

/** Reads ./.env into process.env when it exists (variables already set win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
