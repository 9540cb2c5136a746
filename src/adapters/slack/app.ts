// The Slack adapter: a Bolt App in HTTP mode (requests verified with the signing
// secret) on PORT, or in Socket Mode when an app-level token is given. Web API
// calls go to SLACK_API_URL. GET /healthz answers on PORT in both modes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { AnyCommand } from '../../core/command.js';
import { healthBody } from '../../core/health.js';
import type { Logger, Services } from '../../core/ports.js';
import { registerAutoAnswer } from './auto-answer.js';
import { boltLogger } from './bolt-logger.js';
import { registerCommands } from './commands.js';
import type { SlackDeps } from './context.js';
import { describeError, InFlight } from './errors.js';
import { Moderators } from './moderators.js';
import { authTestSchema } from './payloads.js';
import { registerShortcuts } from './shortcuts.js';

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode; ignored when `appToken` is set. */
  signingSecret?: string | undefined;
  /** Socket Mode. */
  appToken?: string | undefined;
  apiUrl: string;
  port: number;
  /** Interface to listen on (default: all). */
  host?: string;
  autoAnswerChannels: readonly string[];
  moderatorIds: readonly string[];
  services: Services;
  commands: readonly AnyCommand[];
  logger: Logger;
  /** The body of GET /healthz; by default this adapter's own status. */
  healthReport?: (slack: { connected: boolean }) => Promise<unknown>;
}

export interface SlackAdapter {
  /** The port the receiver (HTTP mode) or the health server (Socket Mode) listens on. */
  port: number;
  mode: 'http' | 'socket';
  connected(): boolean;
  /** Resolves when every handler in flight has finished. */
  idle(): Promise<void>;
  /** Stops receiving, then waits for the answers in flight. */
  stop(): Promise<void>;
}

/** Slack refused a token at start-up: the operator has to fix the variable named. */
export class SlackAuthError extends Error {
  constructor(
    readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
    readonly slackError: string,
  ) {
    super(`${variable} was rejected by Slack (${slackError})`);
    this.name = 'SlackAuthError';
  }
}

/** Slack could not be reached, or answered something unexpected, at start-up. */
export class SlackUnavailableError extends Error {
  constructor(detail: string) {
    super(`cannot reach the Slack Web API at SLACK_API_URL (${detail})`);
    this.name = 'SlackUnavailableError';
  }
}

// A handler's answer is worth little minutes later: retry briefly, then log.
const RETRIES = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 };

async function authTest(options: SlackAdapterOptions, logger: Logger) {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    logger: boltLogger(logger),
    retryConfig: { retries: 0 },
  });
  try {
    const answer = authTestSchema.safeParse(await client.auth.test());
    if (!answer.success) throw new SlackUnavailableError('unexpected auth.test answer');
    return answer.data;
  } catch (error) {
    if (error instanceof SlackUnavailableError) throw error;
    throw startupError('SLACK_BOT_TOKEN', error);
  }
}

/** A platform error (invalid_auth, token_revoked, ...) is the token's fault; anything else is the network's. */
function startupError(variable: SlackAuthError['variable'], error: unknown): Error {
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  if (code === webApi.ErrorCode.PlatformError && typeof data?.error === 'string')
    return new SlackAuthError(variable, data.error);
  return new SlackUnavailableError(String(describeError(error).message));
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

export async function startSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const logger = options.logger;
  const identity = await authTest(options, logger);
  logger.info({ botUserId: identity.user_id, team: identity.team }, 'slack token accepted');

  let connected = false;
  const status = () => ({ connected });
  const report = async (): Promise<unknown> =>
    options.healthReport
      ? options.healthReport(status())
      : healthBody({ slack: status() }, { reachable: await options.services.store.ping() });
  const health = (_request: IncomingMessage, response: ServerResponse) => {
    void report().then(
      (body) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      },
      (error: unknown) => {
        logger.error({ err: describeError(error) }, 'health report failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('health report failed\n');
      },
    );
  };

  const socketMode = options.appToken !== undefined;
  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  if (options.appToken !== undefined) {
    socketReceiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger(logger),
      installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
    });
    socketReceiver.client.on('connected', () => (connected = true));
    socketReceiver.client.on('disconnected', () => (connected = false));
    receiver = socketReceiver;
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    httpReceiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      logger: boltLogger(logger),
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: health }],
    });
    receiver = httpReceiver;
  }

  const app = new App({
    token: options.botToken,
    botUserId: identity.user_id,
    ...(identity.bot_id ? { botId: identity.bot_id } : {}),
    receiver,
    logger: boltLogger(logger),
    ignoreSelf: true,
    clientOptions: { slackApiUrl: options.apiUrl, retryConfig: RETRIES },
  });
  const inFlight = new InFlight();
  const deps: SlackDeps = {
    services: options.services,
    commands: options.commands,
    logger,
    moderators: new Moderators({
      ids: options.moderatorIds,
      api: (method, args) => app.client.apiCall(method, args),
      logger,
    }),
    inFlight,
    autoAnswerChannels: new Set(options.autoAnswerChannels),
    botUserId: identity.user_id,
  };
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerAutoAnswer(app, deps);
  // Handlers catch their own failures; this sees what Bolt itself could not process.
  app.error(async (error) => {
    logger.error({ err: describeError(error) }, 'slack request failed');
    await Promise.resolve();
  });

  let server: Server;
  if (httpReceiver) {
    server = await httpReceiver.start({
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
    });
    connected = server.listening;
    server.on('close', () => (connected = false));
  } else {
    server = createServer((request, response) => {
      if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz') {
        health(request, response);
        return;
      }
      response.writeHead(404).end();
    });
    await listen(server, options.port, options.host);
    try {
      await app.start();
    } catch (error) {
      await app.stop().catch(() => undefined);
      await close(server);
      throw startupError('SLACK_APP_TOKEN', error);
    }
  }
  const port = (server.address() as AddressInfo).port;
  logger.info({ mode: socketMode ? 'socket' : 'http', port }, 'slack adapter listening');

  return {
    port,
    mode: socketMode ? 'socket' : 'http',
    connected: () => connected,
    idle: () => inFlight.idle(),
    async stop() {
      if (httpReceiver) await httpReceiver.stop();
      else {
        await app.stop();
        await close(server);
      }
      connected = false;
      await inFlight.idle();
    },
  };
}
