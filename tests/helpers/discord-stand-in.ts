// A local stand-in for Discord on 127.0.0.1: the REST API routes the adapter uses
// (under /api/v10) and a JSON gateway on the same port (HELLO, IDENTIFY, READY,
// GUILD_CREATE, heartbeats). Tests dispatch gateway events and wait on the requests
// the real discord.js client makes in answer. No compression: discord.js asks for
// zlib-stream only when zlib-sync is installed, and it is not.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BOT_USER,
  IDS,
  guildCreatePayload,
  messagePayload,
  type JsonObject,
} from './discord-payloads.js';

export interface RecordedRequest {
  method: string;
  /** The path below /api/v10, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface GatewaySession {
  /** The query string the client connected with (v, encoding, compress). */
  query: URLSearchParams;
  identify: JsonObject;
}

interface Waiter<T> {
  matches(value: T): boolean;
  resolve(value: T): void;
}

const API_PREFIX = '/api/v10';
const WAIT_LIMIT_MS = 5000;

export class DiscordStandIn {
  readonly token = 'MTAwMDAwMDAwMDAwMDAwMDAx.stand-in.c2VjcmV0LXRva2VuLWZvci10ZXN0cw';
  readonly requests: RecordedRequest[] = [];
  readonly sessions: GatewaySession[] = [];
  /** Messages the REST API serves, by `channel/message`. */
  private readonly messages = new Map<string, JsonObject>();
  /** Channels where the bot may not post (answered 403 Missing Permissions). */
  private readonly refused = new Set<string>();
  private readonly requestWaiters: Waiter<RecordedRequest>[] = [];
  private readonly sessionWaiters: Waiter<GatewaySession>[] = [];
  private readonly closeWaiters: ((code: number) => void)[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly server = createServer((request, response) => {
    this.onRequest(request, response);
  });
  private readonly gateway = new WebSocketServer({ noServer: true });
  private sequence = 0;
  private port = 0;

  static async start(): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn();
    await standIn.listen();
    return standIn;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  private listen(): Promise<void> {
    this.server.on('upgrade', (request, socket, head) => {
      if (!request.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.gateway.handleUpgrade(request, socket, head, (ws) => {
        this.onGatewayConnection(ws, request);
      });
    });
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** A message the REST API will serve (a forum thread's starter message, ...). */
  addMessage(message: JsonObject & { id: string; channel_id: string }): void {
    this.messages.set(`${message.channel_id}/${message.id}`, message);
  }

  /** From now on, posting in this channel fails as it does without the permission. */
  refuseChannel(channelId: string): void {
    this.refused.add(channelId);
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(type: string, data: JsonObject): void {
    this.sequence += 1;
    const payload = JSON.stringify({ op: 0, t: type, s: this.sequence, d: data });
    for (const socket of this.sockets) socket.send(payload);
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(
    matches: (request: RecordedRequest) => boolean,
    what = 'a matching request',
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(matches);
    if (seen) return Promise.resolve(seen);
    return this.wait(this.requestWaiters, matches, what);
  }

  /** Resolves with the first gateway session that identified. */
  waitForIdentify(): Promise<GatewaySession> {
    const seen = this.sessions[0];
    if (seen) return Promise.resolve(seen);
    return this.wait(this.sessionWaiters, () => true, 'IDENTIFY');
  }

  /** Resolves with the close code of the next gateway connection that closes. */
  waitForClose(): Promise<number> {
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => {
      this.gateway.close(() => {
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private wait<T>(waiters: Waiter<T>[], matches: (value: T) => boolean, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the Discord stand-in saw no ${what} within ${WAIT_LIMIT_MS} ms`));
      }, WAIT_LIMIT_MS);
      waiters.push({
        matches,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
    });
  }

  private notify<T>(waiters: Waiter<T>[], value: T): void {
    for (const waiter of [...waiters]) {
      if (!waiter.matches(value)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(value);
    }
  }

  // ---- gateway ----

  private onGatewayConnection(ws: WebSocket, request: IncomingMessage): void {
    this.sockets.add(ws);
    const query = new URL(request.url ?? '/', 'http://stand-in').searchParams;
    ws.on('close', (code: number) => {
      this.sockets.delete(ws);
      for (const waiter of this.closeWaiters.splice(0)) waiter(code);
    });
    ws.on('message', (data: Buffer) => {
      const payload = JSON.parse(data.toString('utf8')) as { op: number; d: unknown };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.onIdentify(ws, query, payload.d as JsonObject);
      if (payload.op === 6) this.onResume(ws, payload.d as JsonObject);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  }

  /** While true, IDENTIFY is accepted but never answered with READY (a stuck gateway). */
  silent = false;

  private onIdentify(ws: WebSocket, query: URLSearchParams, identify: JsonObject): void {
    if (identify.token !== this.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    if (this.silent) return;
    const session = { query, identify };
    this.sessions.push(session);
    this.sequence += 1;
    ws.send(
      JSON.stringify({
        op: 0,
        t: 'READY',
        s: this.sequence,
        d: {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'stand-in-session',
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: IDS.application, flags: 0 },
          user_settings: {},
          private_channels: [],
          presences: [],
          relationships: [],
          guild_join_requests: [],
        },
      }),
    );
    this.sequence += 1;
    ws.send(
      JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: this.sequence, d: guildCreatePayload() }),
    );
    this.notify(this.sessionWaiters, session);
  }

  /** RESUME (op 6): the session goes on where it stopped; nothing was missed in between. */
  private onResume(ws: WebSocket, resume: JsonObject): void {
    if (resume.token !== this.token || resume.session_id !== 'stand-in-session') {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.sequence += 1;
    ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.sequence, d: {} }));
    this.resumes += 1;
    for (const waiter of this.resumeWaiters.splice(0)) waiter();
  }

  /** How many sessions were resumed. */
  resumes = 0;
  private readonly resumeWaiters: (() => void)[] = [];

  /** Resolves when the next session is resumed. */
  waitForResume(): Promise<void> {
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  /** Closes every gateway connection with `code`, as Discord does when a server restarts. */
  dropConnections(code = 4000): void {
    for (const socket of this.sockets) socket.close(code, 'stand-in dropped the connection');
  }

  // ---- REST ----

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const pathname = decodeURIComponent(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname,
        query: url.searchParams,
        authorization: request.headers.authorization,
        body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined,
      };
      this.requests.push(recorded);
      const [status, body] = this.route(recorded);
      if (body === undefined) {
        response.writeHead(status).end();
      } else {
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      }
      this.notify(this.requestWaiters, recorded);
    });
  }

  private route(request: RecordedRequest): [number, unknown] {
    const { method, path } = request;
    // Interaction callbacks and webhooks are authorised by their token, not the bot's.
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      return [204, undefined];
    }
    const webhook = /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.exec(path);
    if (webhook) {
      const body = (request.body ?? {}) as JsonObject;
      return [200, messagePayload({ channelId: IDS.textChannel, author: BOT_USER, ...body })];
    }
    if (request.authorization !== `Bot ${this.token}`) {
      return [401, { message: '401: Unauthorized', code: 0 }];
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        },
      ];
    }
    if (method === 'GET' && path === '/users/@me') return [200, BOT_USER];
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(request.body) ? (request.body as JsonObject[]) : [];
      return [
        200,
        commands.map((command, index) => ({
          id: String(900_000_000_000_000_000n + BigInt(index)),
          application_id: IDS.application,
          version: '1',
          ...command,
        })),
      ];
    }
    const channelMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === 'GET' && channelMessage) {
      const found = this.messages.get(`${channelMessage[1]!}/${channelMessage[2]!}`);
      return found ? [200, found] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessages) {
      if (this.refused.has(channelMessages[1]!))
        return [403, { message: 'Missing Permissions', code: 50013 }];
      const body = (request.body ?? {}) as JsonObject;
      const message = messagePayload({ channelId: channelMessages[1]!, author: BOT_USER, ...body });
      this.addMessage(message);
      return [200, message];
    }
    return [404, { message: `the stand-in has no route for ${method} ${path}`, code: 0 }];
  }
}
