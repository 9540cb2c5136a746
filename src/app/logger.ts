// The pino root logger. Secrets are redacted by path; logs go to stderr so the
// CLI's stdout stays machine-readable.
import { pino, type Logger as PinoLogger } from 'pino';

export const REDACT_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  '*.SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  '*.SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  '*.SLACK_APP_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'config',
];

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
): PinoLogger {
  return pino(
    { level, base: { app: 'pinbot' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}
