// The Slack adapter end to end: real Bolt on 127.0.0.1, correctly signed requests,
// and a stand-in Web API that records what was posted where, to whom, and how.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import { startSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/app.js';
import { createChecker } from '../../../src/analyser/index.js';
import type { Services } from '../../../src/core/ports.js';
import { SqliteStore } from '../../../src/storage/sqlite-store.js';
import {
  startSlackStandIn,
  type RecordedCall,
  type SlackStandIn,
} from '../../helpers/slack-api.js';
import {
  messageShortcut,
  postSigned,
  slackClient,
  type SlackClient,
} from '../../helpers/slack-requests.js';
import { recordingLogger, testServices, type LogRecord } from '../../helpers/services.js';

const TOKEN = 'xoxb-test-token-0001';
const SECRET = 'signing-secret-for-tests';
const BOT = 'UBOT000001';
const MODERATOR = 'U0MOD0001';
const GROUP_MEMBER = 'U0GROUP01';
const ADMIN = 'U0ADMIN01';
const ASKER = 'U0ASKER01';
const AUTO_CHANNEL = 'C0AUTO001';

const QUESTION = 'why do futures need to be pinned?';
const QUESTION_TITLE = 'Why Rust needed pinning at all';
const BAD_CODE = [
  'async fn work() {}',
  'fn main() {',
  '    let mut fut = work();',
  '    let pinned = std::pin::Pin::new(&mut fut);',
  '}',
].join('\n');
/** The same code as Slack sends it in message text: &, < and > escaped. */
const BAD_CODE_ESCAPED = BAD_CODE.replace(/&/g, '&amp;');

let api: SlackStandIn;
let adapter: SlackAdapter;
let slack: SlackClient;
let services: Services;
let logs: LogRecord[];
let base: string;

beforeAll(async () => {
  api = await startSlackStandIn({
    tokens: [TOKEN],
    botUserId: BOT,
    admins: [ADMIN],
    groups: { S0MODS001: [GROUP_MEMBER] },
  });
  const logger = recordingLogger();
  logs = logger.records;
  services = testServices({
    checker: await createChecker(),
    store: new SqliteStore(':memory:'),
    logger,
  });
  adapter = await startSlackAdapter({
    botToken: TOKEN,
    signingSecret: SECRET,
    apiUrl: api.apiUrl,
    port: 0,
    host: '127.0.0.1',
    autoAnswerChannels: [AUTO_CHANNEL],
    moderatorIds: [MODERATOR, 'S0MODS001'],
    services,
    commands: COMMANDS,
    logger,
  });
  base = `http://127.0.0.1:${adapter.port}`;
  slack = slackClient(`${base}/slack/events`, SECRET, api.responseUrl);
});

afterAll(async () => {
  await adapter.stop();
  await services.store.close();
  await api.close();
});

beforeEach(() => {
  api.calls.length = 0;
  api.failing.clear();
  logs.length = 0;
});

/** Sends, then waits until every handler started by it has finished. */
async function settled<T>(request: Promise<T>): Promise<T> {
  const response = await request;
  await adapter.idle();
  return response;
}

function only(method: string): RecordedCall {
  const calls = api.callsTo(method);
  expect(calls, `calls to ${method}`).toHaveLength(1);
  return calls[0]!;
}

function responses(): RecordedCall[] {
  return api.calls.filter((call) => call.method.startsWith('respond:'));
}

function onlyResponse(): RecordedCall['body'] {
  const all = responses();
  expect(all).toHaveLength(1);
  return all[0]!.body;
}

function posts(): RecordedCall[] {
  return api.callsTo('chat.postMessage');
}

describe('Slack /pin command', () => {
  it('answers /pin ask in the channel through response_url, and records the question', async () => {
    const response = await settled(slack.command({ text: `ask ${QUESTION}` }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const body = onlyResponse();
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toContain(QUESTION_TITLE);
    expect(JSON.stringify(body.blocks)).toContain('pin');
    expect(posts()).toHaveLength(0);
    const stats = await services.store.questionStats({ days: 1, limit: 5 });
    expect(stats.asked).toBeGreaterThanOrEqual(1);
  });

  it('checks code given to /pin check and shows the rustc code', async () => {
    await settled(slack.command({ text: `check ${BAD_CODE_ESCAPED}` }));
    const body = onlyResponse();
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toContain('The compiler will reject this');
    expect(JSON.stringify(body.blocks)).toContain('E0277');
  });

  it('opens a modal for a bare /pin check and answers its submission privately', async () => {
    await settled(slack.command({ text: 'check', trigger_id: 'trigger-modal' }));
    const open = only('views.open');
    expect(open.authorization).toBe(`Bearer ${TOKEN}`);
    expect(open.body.trigger_id).toBe('trigger-modal');
    const view = open.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: {
        block_id: string;
        element: { type: string; action_id: string; multiline: boolean };
      }[];
    };
    expect(view.blocks[0]?.element).toMatchObject({ type: 'plain_text_input', multiline: true });
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C0GENERAL' });
    expect(responses()).toHaveLength(0);

    const block = view.blocks[0]!;
    const submitted = await settled(
      slack.interaction({
        type: 'view_submission',
        team: { id: 'T0001' },
        user: { id: ASKER, name: 'asker' },
        view: {
          id: 'V0001',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: {
            values: {
              [block.block_id]: {
                [block.element.action_id]: { type: 'plain_text_input', value: BAD_CODE },
              },
            },
          },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    const answer = only('chat.postEphemeral');
    expect(answer.body).toMatchObject({ channel: 'C0GENERAL', user: ASKER });
    expect(answer.body.text).toContain('The compiler will reject this');
    expect(posts()).toHaveLength(0);
  });

  it('answers an unknown subcommand in the acknowledgement, only to the user', async () => {
    const response = await settled(slack.command({ text: 'frobnicate now' }));
    expect(response.json()).toMatchObject({ response_type: 'ephemeral' });
    expect(response.text).toContain('There is no');
    expect(responses()).toHaveLength(0);
  });

  it('refuses a moderator command to someone who is not a moderator, privately', async () => {
    await settled(slack.command({ text: 'stats', user_id: 'U0NOBODY1' }));
    const body = onlyResponse();
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Only moderators');
    // Neither listed, nor in the group, nor an admin: Slack was asked.
    expect(only('users.info').body.user).toBe('U0NOBODY1');
  });

  it('lets a user named in SLACK_MODERATOR_IDS use moderator commands', async () => {
    await settled(slack.command({ text: 'stats', user_id: MODERATOR }));
    expect(onlyResponse().text).toContain('pinbot stats');
    expect(api.callsTo('users.info')).toHaveLength(0);
  });

  it('counts the members of a user group named in SLACK_MODERATOR_IDS as moderators', async () => {
    await settled(slack.command({ text: 'stats', user_id: GROUP_MEMBER }));
    expect(onlyResponse().text).toContain('pinbot stats');
    const lookups = api.history.filter((call) => call.method === 'usergroups.users.list');
    expect(lookups.map((call) => call.body.usergroup)).toEqual(['S0MODS001']);
    expect(api.callsTo('users.info')).toHaveLength(0);
  });

  it('counts workspace admins as moderators, and caches the lookup', async () => {
    await settled(slack.command({ text: 'stats', user_id: ADMIN }));
    await settled(slack.command({ text: 'stats', user_id: ADMIN }));
    expect(responses().map((call) => call.body.text)).toEqual([
      expect.stringContaining('pinbot stats'),
      expect.stringContaining('pinbot stats'),
    ]);
    expect(only('users.info').body.user).toBe(ADMIN);
  });

  it('addresses /pin link to exactly the user named, and never pings the channel', async () => {
    await settled(
      slack.command({ text: 'link unpin <@U0TARGET1|target> <!channel>', user_id: MODERATOR }),
    );
    const body = onlyResponse();
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toMatch(/^<@U0TARGET1> /);
    expect(JSON.stringify(body)).not.toMatch(/<!(?:channel|here|everyone)/);
  });

  it('logs a failure once and tells the user privately, then keeps serving', async () => {
    api.failing.add('views.open');
    await settled(slack.command({ text: 'check' }));
    const failures = logs.filter((record) => record.level === 'error');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.object).toMatchObject({ handler: 'command' });
    expect(onlyResponse()).toMatchObject({ response_type: 'ephemeral' });
    expect(String(onlyResponse().text)).toContain('something went wrong');
    expect(JSON.stringify(logs)).not.toContain(TOKEN);

    api.calls.length = 0;
    await settled(slack.command({ text: `ask ${QUESTION}` }));
    expect(onlyResponse().text).toContain(QUESTION_TITLE);
  });
});

describe('Slack message shortcuts', () => {
  it('check_pinning checks the message (as Slack escapes it) and answers only the user', async () => {
    const url = api.responseUrl('check-shortcut');
    await settled(
      slack.interaction(
        messageShortcut('check_pinning', ASKER, { text: BAD_CODE_ESCAPED, user: 'U0AUTHOR1' }, url),
      ),
    );
    const body = only('respond:check-shortcut').body;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('The compiler will reject this');
    expect(posts()).toHaveLength(0);
  });

  it('answer_with_canonical is refused to someone who is not a moderator', async () => {
    const url = api.responseUrl('canonical-refused');
    await settled(
      slack.interaction(
        messageShortcut('answer_with_canonical', ASKER, { text: QUESTION, user: 'U0AUTHOR1' }, url),
      ),
    );
    expect(only('respond:canonical-refused').body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(only('respond:canonical-refused').body.text)).toContain('Only moderators');
    expect(posts()).toHaveLength(0);
  });

  it("answer_with_canonical posts the topic in the message's thread, addressed to its author", async () => {
    const url = api.responseUrl('canonical');
    await settled(
      slack.interaction(
        messageShortcut(
          'answer_with_canonical',
          MODERATOR,
          { text: QUESTION, user: 'U0AUTHOR1', ts: '1700000200.000300' },
          url,
        ),
      ),
    );
    const post = only('chat.postMessage');
    expect(post.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000200.000300' });
    expect(post.body.text).toMatch(/^<@U0AUTHOR1> /);
    expect(post.body.text).toContain(QUESTION_TITLE);
    expect(api.callsTo('respond:canonical')).toHaveLength(0);
  });

  it('answer_with_canonical replies into an existing thread, not a new one', async () => {
    const url = api.responseUrl('canonical-threaded');
    await settled(
      slack.interaction(
        messageShortcut(
          'answer_with_canonical',
          MODERATOR,
          { text: QUESTION, user: 'U0AUTHOR1', ts: '1700000300.1', thread_ts: '1700000299.1' },
          url,
        ),
      ),
    );
    expect(only('chat.postMessage').body.thread_ts).toBe('1700000299.1');
  });

  it('answer_with_canonical tells the moderator privately when it is not confident', async () => {
    const url = api.responseUrl('canonical-unsure');
    await settled(
      slack.interaction(
        messageShortcut('answer_with_canonical', MODERATOR, { text: 'best pizza in town?' }, url),
      ),
    );
    const body = only('respond:canonical-unsure').body;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('No canonical answer posted');
    expect(posts()).toHaveLength(0);
  });

  it('logs a failed post once and tells the moderator privately', async () => {
    api.failing.add('chat.postMessage');
    const url = api.responseUrl('canonical-failing');
    await settled(
      slack.interaction(
        messageShortcut(
          'answer_with_canonical',
          MODERATOR,
          { text: QUESTION, user: 'U0AUTHOR1' },
          url,
        ),
      ),
    );
    const failures = logs.filter((record) => record.level === 'error');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.object).toMatchObject({
      handler: 'answer_with_canonical',
      err: { slackError: 'internal_error' },
    });
    expect(only('respond:canonical-failing').body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });
});

describe('Slack auto-answer', () => {
  it('answers an app_mention in its thread, once, and records the question', async () => {
    const before = (await services.store.questionStats({ days: 1, limit: 5 })).asked;
    const mention = {
      type: 'app_mention',
      user: ASKER,
      text: `<@${BOT}> ${QUESTION}`,
      ts: '1700000400.000100',
      channel: 'C0GENERAL',
    };
    await settled(slack.event(mention));
    const post = only('chat.postMessage');
    expect(post.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000400.000100' });
    expect(post.body.text).toContain(QUESTION_TITLE);
    expect((await services.store.questionStats({ days: 1, limit: 5 })).asked).toBe(before + 1);

    await settled(slack.event({ ...mention, text: `<@${BOT}> what does Unpin mean?` }));
    expect(posts()).toHaveLength(1);
  });

  it('answers a new top-level message in an auto-answer channel once, ever', async () => {
    const message = {
      type: 'message',
      channel: AUTO_CHANNEL,
      user: ASKER,
      text: QUESTION,
      ts: '1700000500.000100',
    };
    await settled(slack.event(message));
    expect(only('chat.postMessage').body).toMatchObject({
      channel: AUTO_CHANNEL,
      thread_ts: '1700000500.000100',
    });
    // The same thread again (Slack retries, or the mention of the same post): no second reply.
    await settled(slack.event(message));
    await settled(slack.event({ ...message, type: 'app_mention', text: `<@${BOT}> ${QUESTION}` }));
    expect(posts()).toHaveLength(1);
  });

  it('answers a post whose code has a pinning problem', async () => {
    await settled(
      slack.event({
        type: 'message',
        channel: AUTO_CHANNEL,
        user: ASKER,
        text: `my code does not build\n\`\`\`\n${BAD_CODE_ESCAPED}\n\`\`\``,
        ts: '1700000550.000100',
      }),
    );
    expect(only('chat.postMessage').body.text).toContain('The compiler will reject this');
  });

  it('ignores other channels, bots, thread replies, edits and off-topic posts', async () => {
    const message = { type: 'message', user: ASKER, text: QUESTION };
    await settled(slack.event({ ...message, channel: 'C0ELSEWHERE', ts: '1700000600.1' }));
    await settled(
      slack.event({ ...message, channel: AUTO_CHANNEL, ts: '1700000600.2', bot_id: 'B0OTHER01' }),
    );
    await settled(
      slack.event({
        ...message,
        channel: AUTO_CHANNEL,
        ts: '1700000600.3',
        subtype: 'bot_message',
        bot_id: 'B0OTHER01',
      }),
    );
    await settled(
      slack.event({
        ...message,
        channel: AUTO_CHANNEL,
        ts: '1700000600.4',
        thread_ts: '1700000600.0',
      }),
    );
    await settled(
      slack.event({
        ...message,
        channel: AUTO_CHANNEL,
        ts: '1700000600.5',
        subtype: 'message_changed',
      }),
    );
    await settled(
      slack.event({
        ...message,
        channel: AUTO_CHANNEL,
        ts: '1700000600.6',
        text: 'best pizza in town?',
      }),
    );
    await settled(
      slack.event({ ...message, channel: AUTO_CHANNEL, ts: '1700000600.7', user: BOT }),
    );
    await settled(
      slack.event({
        type: 'app_mention',
        channel: 'C0GENERAL',
        ts: '1700000600.8',
        text: `<@${BOT}> ${QUESTION}`,
        bot_id: 'B0OTHER01',
      }),
    );
    expect(posts()).toHaveLength(0);
  });
});

describe('Slack requests', () => {
  it('answers url_verification with the challenge', async () => {
    const response = await settled(
      slack.raw(
        JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
        'application/json',
      ),
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('abc123');
  });

  it('rejects a request with a bad signature and does nothing', async () => {
    const body = new URLSearchParams({
      command: '/pin',
      text: `ask ${QUESTION}`,
      user_id: ASKER,
      channel_id: 'C0GENERAL',
      trigger_id: 't',
      response_url: api.responseUrl('forged'),
    }).toString();
    const response = await settled(
      postSigned(
        `${base}/slack/events`,
        'not-the-secret',
        body,
        'application/x-www-form-urlencoded',
      ),
    );
    expect(response.status).toBe(401);
    const stale = await settled(
      postSigned(`${base}/slack/events`, SECRET, body, 'application/x-www-form-urlencoded', {
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
    );
    expect(stale.status).toBe(401);
    expect(api.calls).toHaveLength(0);
  });

  it('survives malformed payloads and keeps answering', async () => {
    const statuses = [
      (await settled(slack.raw('{not json', 'application/json'))).status,
      (await settled(slack.raw('payload=%7Bbroken', 'application/x-www-form-urlencoded'))).status,
    ];
    expect(statuses).toEqual([400, 400]);
    await settled(slack.event({ type: 'app_mention', text: 'no channel, no ts' }));
    await settled(slack.event({ type: 'message', channel: AUTO_CHANNEL, text: 42 }));
    const shortcut = await settled(
      slack.interaction({
        type: 'message_action',
        callback_id: 'check_pinning',
        user: { id: ASKER },
        response_url: api.responseUrl('broken-shortcut'),
      }),
    );
    expect(shortcut.status).toBe(200);
    // The user is told privately that the request could not be read.
    expect(only('respond:broken-shortcut').body).toMatchObject({ response_type: 'ephemeral' });
    await settled(
      slack.interaction({
        type: 'view_submission',
        user: { id: ASKER },
        view: { callback_id: 'pin_check', private_metadata: 'not json', state: { values: {} } },
      }),
    );
    const missing = await settled(slack.command({ text: 'ask hello', user_id: undefined }));
    expect(missing.status).toBe(200);
    expect(missing.json()).toMatchObject({ response_type: 'ephemeral' });
    expect(posts()).toHaveLength(0);
    expect(logs.filter((record) => record.level === 'warn').length).toBeGreaterThanOrEqual(3);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await settled(slack.command({ text: `ask ${QUESTION}` }));
    expect(responses().at(-1)?.body.text).toContain(QUESTION_TITLE);
  });

  it('reports its health on GET /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      status: 'ok',
      adapters: { slack: { connected: true } },
      storage: { reachable: true },
    });
  });
});
