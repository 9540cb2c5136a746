// `pinbot serve` with Slack credentials, against the stand-in Web API: a real
// process that starts, answers /healthz and a signed command, and stops cleanly on
// SIGTERM; a rejected token stops it at start-up with one line and exit code 2.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/io.js';
import { startServe } from '../helpers/serve-process.js';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api.js';
import { slackClient } from '../helpers/slack-requests.js';

const TOKEN = 'xoxb-serve-test-token';
const SECRET = 'serve-signing-secret';
const saved = { ...process.env };
let api: SlackStandIn;

beforeAll(async () => {
  api = await startSlackStandIn({ tokens: [TOKEN] });
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  process.env = { ...saved };
});

function slackEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...saved,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: '0',
    DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'pinbot-slack-')), 'pinbot.sqlite'),
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  for (const name of ['DISCORD_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_AUTO_ANSWER_CHANNEL_IDS'])
    if (!(name in overrides)) Reflect.deleteProperty(env, name);
  return env;
}

describe('pinbot serve (Slack)', () => {
  it('stops with one line and exit code 2 when Slack rejects the token', async () => {
    process.env = slackEnv({ SLACK_BOT_TOKEN: 'xoxb-not-a-valid-token' });
    const io = captureIo();
    expect(await main(['serve'], io)).toBe(2);
    expect(io.err()).toBe('pinbot: SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)\n');
    expect(io.out()).toBe('');
  });

  it('serves Slack and /healthz, and exits 0 on SIGTERM', async () => {
    const serve = await startServe(
      slackEnv({ LOG_LEVEL: 'info' }),
      /"port":(\d+)[^\n]*slack adapter listening/,
    );
    const port = serve.port;
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        status: 'ok',
        adapters: { slack: { connected: true } },
        storage: { reachable: true },
      });

      const slack = slackClient(`http://127.0.0.1:${port}/slack/events`, SECRET, api.responseUrl);
      await slack.command({ text: 'topic unpin', response_url: api.responseUrl('serve') });
      await expect.poll(() => api.callsTo('respond:serve').length, { timeout: 5000 }).toBe(1);
      expect(api.callsTo('respond:serve')[0]!.body.text).toContain('Unpin');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stderr()).toContain('shutting down');
    expect(serve.stderr()).not.toContain(TOKEN);
    expect(serve.stderr()).not.toContain(SECRET);
  });
});
