// One place where Discord handler failures end: logged once (never a token, nor an
// interaction's webhook token), the user told in a friendly ephemeral line when
// there is an interaction to answer, and the process keeps running.
import type { Logger } from '../../core/ports.js';
import { errorReply } from '../../core/reply.js';

/** A bot token's shape: three base64url parts separated by dots. */
const BOT_TOKEN = /[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g;
/** Interaction and webhook tokens travel in URL paths. */
const URL_TOKEN = /\/(interactions|webhooks)\/(\d+)\/[\w.-]+/g;

export function scrubSecrets(text: string, token?: string): string {
  const bare = token ? text.split(token).join('[redacted]') : text;
  return bare.replace(BOT_TOKEN, '[redacted]').replace(URL_TOKEN, '/$1/$2/[redacted]');
}

/** A loggable view of an error: kind, code, status and message; no request bodies or headers. */
export function describeError(error: unknown, token?: string): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubSecrets(String(error), token) };
  const { code, status } = error as Error & { code?: unknown; status?: unknown };
  return {
    type: error.name,
    message: scrubSecrets(error.message, token),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(error.stack ? { stack: scrubSecrets(error.stack, token) } : {}),
  };
}

export const FRIENDLY_ERROR = errorReply(
  'Sorry, something went wrong on my side while answering that. It has been logged.',
);

/** Handlers in flight, so a shutdown (or a test) can wait for every answer that was started. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

/**
 * Runs one handler: a failure is logged once with the handler's name and, when
 * `notify` is given, the user gets a friendly ephemeral error instead of silence.
 */
export async function guard(
  handler: string,
  logger: Logger,
  token: string,
  work: () => Promise<void>,
  notify?: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ handler, err: describeError(error, token) }, 'discord handler failed');
    if (!notify) return;
    try {
      await notify();
    } catch (notifyError) {
      logger.debug(
        { handler, err: describeError(notifyError, token) },
        'could not tell the user about the failure',
      );
    }
  }
}
