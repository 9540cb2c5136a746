// A stand-in for the Slack Web API on 127.0.0.1: it records every call (method,
// decoded body, Authorization header) and answers what the Slack adapter needs.
// It also serves response_url endpoints (`/respond/<name>`), recorded the same way.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { acceptWebSocket, type ServerSocket } from './websocket.js';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface SlackStandInOptions {
  /** Tokens auth.test accepts; any other gets `invalid_auth`. */
  tokens: string[];
  botUserId?: string;
  botId?: string;
  /** users.info: who is an admin or an owner. */
  admins?: string[];
  owners?: string[];
  /** usergroups.users.list: members by group id. */
  groups?: Record<string, string[]>;
  /** App-level tokens (xapp-) that apps.connections.open accepts: Socket Mode. */
  appTokens?: string[];
  /** Methods that answer `{ok: false, error: "internal_error"}` from now on. */
  failing?: Set<string>;
}

export interface SlackStandIn {
  /** The SLACK_API_URL to give the adapter (ends with `/api/`). */
  apiUrl: string;
  /** A response_url on the stand-in. */
  responseUrl: (name: string) => string;
  calls: RecordedCall[];
  /** Every call since the stand-in started (tests may clear `calls`, never this). */
  history: RecordedCall[];
  /** Calls to one Web API method, or to `respond:<name>` for response_url posts. */
  callsTo(method: string): RecordedCall[];
  failing: Set<string>;
  /** Socket Mode: what Slack would push over the WebSocket. */
  socket: SocketModeStandIn;
  close(): Promise<void>;
}

export interface SocketModeStandIn {
  /** Resolves once a client has connected and been greeted with `hello`. */
  connected(): Promise<void>;
  /**
   * Asks the client to reconnect, as Slack does before it recycles a connection
   * (a `disconnect` message, then the socket closes); resolves once a new one is greeted.
   */
  disconnect(): Promise<void>;
  /** Sends one envelope and resolves with the payload of the client's acknowledgement. */
  envelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: object,
  ): Promise<unknown>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.length === 0) return {};
  if ((request.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(raw) as Record<string, unknown>;
  // The Web API client sends forms; structured values (blocks, view) are JSON strings.
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return body;
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  const history: RecordedCall[] = [];
  const record = (call: RecordedCall) => {
    calls.push(call);
    history.push(call);
  };
  const failing = options.failing ?? new Set<string>();
  const botUserId = options.botUserId ?? 'UBOT000001';
  let ts = 1_700_000_000;

  const answer = (method: string, body: Record<string, unknown>, token: string | undefined) => {
    if (failing.has(method)) return { ok: false, error: 'internal_error' };
    if (method === 'apps.connections.open')
      return token && options.appTokens?.includes(token)
        ? { ok: true, url: `ws://127.0.0.1:${port}/socket` }
        : { ok: false, error: 'invalid_auth' };
    if (!token || !options.tokens.includes(token)) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: botUserId,
          bot_id: options.botId ?? 'BBOT000001',
          team: 'Test team',
        };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `${ts++}.000100` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts++}.000200` };
      case 'views.open':
        return { ok: true, view: { id: 'V0001' } };
      case 'users.info': {
        const user = String(body.user);
        return {
          ok: true,
          user: {
            id: user,
            is_admin: options.admins?.includes(user) ?? false,
            is_owner: options.owners?.includes(user) ?? false,
          },
        };
      }
      case 'usergroups.users.list': {
        const members = options.groups?.[String(body.usergroup)];
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').split('?')[0] ?? '';
      const authorization = request.headers.authorization;
      if (path.startsWith('/respond/')) {
        record({ method: `respond:${path.slice('/respond/'.length)}`, body, authorization });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      record({ method, body, authorization });
      const token = authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer(method, body, token)));
    })();
  });
  // Socket Mode: one client at a time, greeted with hello; acknowledgements by envelope id.
  let client: ServerSocket | undefined;
  let greeted: () => void = () => undefined;
  const hello = new Promise<void>((resolve) => (greeted = resolve));
  const acks = new Map<string, (payload: unknown) => void>();
  let envelopes = 0;
  const reconnects: (() => void)[] = [];
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    client = acceptWebSocket(request, socket);
    for (const waiter of reconnects.splice(0)) waiter();
    client.onMessage((text) => {
      const message = JSON.parse(text) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload);
    });
    client.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
    greeted();
  });
  const socketMode: SocketModeStandIn = {
    connected: () => hello,
    disconnect: () => {
      const next = new Promise<void>((resolve) => reconnects.push(resolve));
      const old = client;
      old?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
      old?.close();
      return next;
    },
    envelope: (type, payload) =>
      new Promise((resolve, reject) => {
        if (!client) {
          reject(new Error('no Socket Mode client is connected'));
          return;
        }
        envelopes += 1;
        const id = `envelope-${envelopes}`;
        acks.set(id, resolve);
        client.send(
          JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: true }),
        );
      }),
  };

  let port = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (name) => `${base}/respond/${name}`,
    calls,
    history,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failing,
    socket: socketMode,
    close: () =>
      new Promise((resolve) => {
        client?.close();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
