// One place where Slack handler failures end: logged once (without secrets), and
// the user told in a friendly line when there is a way to reach them.
import type { Logger } from '../../core/ports.js';
import { errorReply, type Reply } from '../../core/reply.js';

const SECRET = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** Hides anything shaped like a Slack token (bot, user or app-level) in a string. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET, '[redacted]');
}

/** A loggable view of an error: its kind, code and message, never request headers or bodies. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubSecrets(String(error)) };
  const { code, data } = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    type: error.name,
    message: scrubSecrets(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof data?.error === 'string' ? { slackError: data.error } : {}),
    ...(error.stack ? { stack: scrubSecrets(error.stack) } : {}),
  };
}

export const FRIENDLY_ERROR = errorReply(
  'Sorry, something went wrong on my side while answering that. It has been logged.',
);

/**
 * Keeps track of handlers in flight, so a shutdown (or a test) can wait until
 * every answer that was started has been sent.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
    return work;
  }

  async idle(): Promise<void> {
    // Let listeners that were just dispatched register themselves first.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * Runs one handler: any failure is logged once with the handler's name and, when
 * `notify` is given, the user gets a friendly ephemeral error instead of silence.
 */
export async function guard(
  name: string,
  logger: Logger,
  work: () => Promise<void>,
  notify?: (reply: Reply) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ handler: name, err: describeError(error) }, 'slack handler failed');
    if (!notify) return;
    try {
      await notify(FRIENDLY_ERROR);
    } catch (notifyError) {
      logger.debug(
        { handler: name, err: describeError(notifyError) },
        'could not tell the user about the failure',
      );
    }
  }
}
