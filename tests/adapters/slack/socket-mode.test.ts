// The Slack adapter in Socket Mode: real Bolt and its Socket Mode client against
// the stand-in (apps.connections.open, then a WebSocket on 127.0.0.1), with
// /healthz served by the adapter's own small HTTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import {
  SlackAuthError,
  startSlackAdapter,
  type SlackAdapter,
} from '../../../src/adapters/slack/app.js';
import { SqliteStore } from '../../../src/storage/sqlite-store.js';
import { recordingLogger, testServices } from '../../helpers/services.js';
import { startSlackStandIn, type SlackStandIn } from '../../helpers/slack-api.js';

const TOKEN = 'xoxb-socket-test-token';
const APP_TOKEN = 'xapp-socket-test-token';
const BOT = 'UBOT000001';

let api: SlackStandIn;
let adapter: SlackAdapter;
let base: string;
const logger = recordingLogger();

beforeAll(async () => {
  api = await startSlackStandIn({ tokens: [TOKEN], appTokens: [APP_TOKEN], botUserId: BOT });
  adapter = await startSlackAdapter({
    botToken: TOKEN,
    appToken: APP_TOKEN,
    apiUrl: api.apiUrl,
    port: 0,
    host: '127.0.0.1',
    autoAnswerChannels: [],
    moderatorIds: [],
    services: testServices({ store: new SqliteStore(':memory:'), logger }),
    commands: COMMANDS,
    logger,
  });
  base = `http://127.0.0.1:${adapter.port}`;
  await api.socket.connected();
});

afterAll(async () => {
  await adapter.stop();
  await api.close();
});

describe('Slack adapter in Socket Mode', () => {
  it('connects with the app-level token and reports it on /healthz', async () => {
    expect(adapter.mode).toBe('socket');
    const open = api.callsTo('apps.connections.open');
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    await expect
      .poll(async () => (await fetch(`${base}/healthz`)).json(), { timeout: 5000 })
      .toEqual({
        status: 'ok',
        adapters: { slack: { connected: true } },
        storage: { reachable: true },
      });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('reconnects when Slack recycles the connection, and answers on the new one', async () => {
    await api.socket.disconnect();
    expect(api.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    const ack = await api.socket.envelope('slash_commands', {
      command: '/pin',
      text: 'topic pin-set',
      user_id: 'U0ASKER01',
      channel_id: 'C0GENERAL',
      team_id: 'T0001',
      trigger_id: 'trigger-reconnected',
      response_url: api.responseUrl('after-reconnect'),
    });
    expect(ack).toEqual({});
    await adapter.idle();
    expect(api.callsTo('respond:after-reconnect')[0]?.body.text).toContain('Pin::set');
    await expect
      .poll(async () => (await fetch(`${base}/healthz`)).json(), { timeout: 5000 })
      .toEqual({
        status: 'ok',
        adapters: { slack: { connected: true } },
        storage: { reachable: true },
      });
  });

  it('answers /pin through the acknowledgement and response_url', async () => {
    const ack = await api.socket.envelope('slash_commands', {
      command: '/pin',
      text: 'topic unpin',
      user_id: 'U0ASKER01',
      user_name: 'asker',
      channel_id: 'C0GENERAL',
      team_id: 'T0001',
      trigger_id: 'trigger-socket',
      response_url: api.responseUrl('socket-command'),
    });
    expect(ack).toEqual({});
    await adapter.idle();
    const [answer] = api.callsTo('respond:socket-command');
    expect(answer?.body).toMatchObject({ response_type: 'in_channel' });
    expect(answer?.body.text).toContain('Unpin');

    const refused = await api.socket.envelope('slash_commands', {
      command: '/pin',
      text: 'nonsense',
      user_id: 'U0ASKER01',
      channel_id: 'C0GENERAL',
      team_id: 'T0001',
      trigger_id: 'trigger-socket-2',
      response_url: api.responseUrl('socket-refused'),
    });
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
  });

  it('answers an app_mention in its thread', async () => {
    await api.socket.envelope('events_api', {
      type: 'event_callback',
      team_id: 'T0001',
      event_id: 'EvSocket1',
      event: {
        type: 'app_mention',
        user: 'U0ASKER01',
        channel: 'C0GENERAL',
        ts: '1700000900.000100',
        text: `<@${BOT}> why do futures need to be pinned?`,
      },
    });
    await adapter.idle();
    const [post] = api.callsTo('chat.postMessage');
    expect(post?.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000900.000100' });
  });
});

describe('Slack adapter start-up', () => {
  it('fails with SLACK_APP_TOKEN named when Slack rejects the app-level token', async () => {
    const start = startSlackAdapter({
      botToken: TOKEN,
      appToken: 'xapp-not-accepted',
      apiUrl: api.apiUrl,
      port: 0,
      host: '127.0.0.1',
      autoAnswerChannels: [],
      moderatorIds: [],
      services: testServices({ logger: recordingLogger() }),
      commands: COMMANDS,
      logger: recordingLogger(),
    });
    await expect(start).rejects.toBeInstanceOf(SlackAuthError);
    await expect(start).rejects.toThrow('SLACK_APP_TOKEN was rejected by Slack (invalid_auth)');
  });
});
