// `pinbot serve` with Discord credentials, against the local Discord stand-in: a
// rejected token is one line and exit 2, an unreachable Discord one line and exit 1; Discord and Slack together share /healthz
// and stop cleanly on SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { IDS } from '../helpers/discord-payloads.js';
import { DiscordStandIn } from '../helpers/discord-stand-in.js';
import { captureIo } from '../helpers/io.js';
import { startServe } from '../helpers/serve-process.js';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api.js';

const SLACK_TOKEN = 'xoxb-serve-discord-test';
const saved = { ...process.env };
let discord: DiscordStandIn;
let slack: SlackStandIn;

beforeAll(async () => {
  discord = await DiscordStandIn.start();
  slack = await startSlackStandIn({ tokens: [SLACK_TOKEN] });
});

afterAll(async () => {
  await slack.close();
  await discord.close();
});

afterEach(() => {
  process.env = { ...saved };
});

function env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {
    ...saved,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_GUILD_ID: IDS.guild,
    DISCORD_API_URL: discord.apiUrl,
    PORT: '0',
    DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'pinbot-discord-')), 'pinbot.sqlite'),
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'])
    if (!(name in overrides)) Reflect.deleteProperty(result, name);
  return result;
}

describe('pinbot serve (Discord)', () => {
  it('stops with one line and exit code 2 when Discord rejects the token', async () => {
    process.env = env({ DISCORD_TOKEN: 'MTAw.rejected.token-that-is-long-enough' });
    const io = captureIo();
    expect(await main(['serve'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/^pinbot: .*DISCORD_TOKEN/);
  });

  it('stops with one line and exit code 1 when Discord cannot be reached', async () => {
    process.env = env({ DISCORD_API_URL: 'http://127.0.0.1:1/api' });
    const io = captureIo();
    expect(await main(['serve'], io)).toBe(1);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/^pinbot: cannot connect to Discord at DISCORD_API_URL/);
    expect(io.err()).not.toContain(discord.token);
  });

  it('runs Discord and Slack side by side, reports both on /healthz, and exits 0 on SIGTERM', async () => {
    const serve = await startServe(
      env({
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: 'serve-discord-secret',
        SLACK_API_URL: slack.apiUrl,
      }),
      /"port":(\d+)[^\n]*slack adapter listening/,
    );
    const port = serve.port;
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({
        status: 'ok',
        adapters: { discord: { connected: true }, slack: { connected: true } },
        storage: { reachable: true },
      });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.stderr()).not.toContain(discord.token);
    expect(serve.stderr()).not.toContain(SLACK_TOKEN);
  });

  it('answers /healthz on PORT itself when Discord runs alone', async () => {
    const serve = await startServe(
      env({ LOG_LEVEL: 'info' }),
      /"port":(\d+)[^\n]*health endpoint listening/,
    );
    const port = serve.port;
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({
        status: 'ok',
        adapters: { discord: { connected: true } },
        storage: { reachable: true },
      });
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
