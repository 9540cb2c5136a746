// The Discord adapter end to end: the real discord.js Client connects to a local
// stand-in of Discord (REST + gateway on 127.0.0.1), and the tests drive it with
// gateway events and assert on the requests it makes in answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS, ROOT_COMMAND } from '../../../commands/index.js';
import { createChecker } from '../../../src/analyser/index.js';
import {
  createDiscordAdapter,
  DiscordStartError,
  DiscordUnavailableError,
  type DiscordAdapter,
  type DiscordAdapterConfig,
} from '../../../src/adapters/discord/client.js';
import { commandRegistration } from '../../../src/adapters/discord/register.js';
import type { Services } from '../../../src/core/ports.js';
import {
  ASKER,
  IDS,
  MODERATOR,
  OTHER_BOT,
  PERMISSIONS,
  autocompleteInteraction,
  chatInputInteraction,
  messageCommandInteraction,
  messagePayload,
  modalSubmitInteraction,
  nextId,
  threadPayload,
  type JsonObject,
} from '../../helpers/discord-payloads.js';
import { DiscordStandIn, type RecordedRequest } from '../../helpers/discord-stand-in.js';
import { recordingLogger, testServices } from '../../helpers/services.js';

const EPHEMERAL = 1 << 6;

interface Callback {
  type: number;
  data: {
    content?: string;
    embeds?: { title: string; description: string }[];
    flags?: number;
    allowed_mentions?: unknown;
    choices?: { name: string; value: string }[];
    custom_id?: string;
    title?: string;
    components?: unknown[];
  };
}

interface PostedMessage {
  content?: string;
  embeds: { title: string; description: string }[];
  allowed_mentions: unknown;
  flags?: number;
  message_reference?: { message_id: string };
}

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let services: Services;
/** The forum post the adapter answered, for the restart test. */
let answered: JsonObject & { id: string };
const logger = recordingLogger();

function config(overrides: Partial<DiscordAdapterConfig> = {}): DiscordAdapterConfig {
  return {
    DISCORD_TOKEN: standIn.token,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_GUILD_ID: IDS.guild,
    DISCORD_API_URL: standIn.apiUrl,
    DISCORD_FORUM_CHANNEL_IDS: [],
    ...overrides,
  };
}

/** Dispatches an interaction and resolves with the body of its callback. */
async function interact(interaction: JsonObject): Promise<Callback> {
  const path = `/interactions/${String(interaction.id)}/${String(interaction.token)}/callback`;
  standIn.dispatch('INTERACTION_CREATE', interaction);
  const callback = await standIn.waitForRequest(
    (request) => request.method === 'POST' && request.path === path,
    `callback for interaction ${String(interaction.id)}`,
  );
  return callback.body as Callback;
}

function originalEdit(interaction: JsonObject): Promise<RecordedRequest> {
  const path = `/webhooks/${IDS.application}/${String(interaction.token)}/messages/@original`;
  return standIn.waitForRequest(
    (request) => request.method === 'PATCH' && request.path === path,
    'the edit of a deferred reply',
  );
}

function postedTo(channelId: string): Promise<RecordedRequest> {
  return standIn.waitForRequest(
    (request) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`,
    `a message in channel ${channelId}`,
  );
}

/**
 * Waits until every event dispatched so far has been handled: a last interaction
 * travels the same path, so once it is answered the earlier handlers have started,
 * and `idle()` waits for them to finish.
 */
async function settle(running: DiscordAdapter = adapter): Promise<void> {
  await interact(autocompleteInteraction('topic', 'id', 'pin'));
  await running.idle();
}

function forumPost(title: string, body: string, author: JsonObject = ASKER) {
  const thread = threadPayload({ parentId: IDS.forumChannel, name: title });
  standIn.addMessage(
    messagePayload({ id: thread.id, channelId: thread.id, author, content: body }),
  );
  return thread;
}

beforeAll(async () => {
  standIn = await DiscordStandIn.start();
  services = testServices({ checker: await createChecker(), logger });
  adapter = createDiscordAdapter({ config: config(), services, logger });
  await adapter.start();
});

afterAll(async () => {
  await adapter.stop();
  await services.store.close();
  await standIn.close();
});

describe('Discord adapter start', () => {
  it('identifies on the gateway named by GET /gateway/bot, in plain JSON', async () => {
    const session = await standIn.waitForIdentify();
    expect(standIn.requestsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(session.query.get('v')).toBe('10');
    expect(session.query.get('encoding')).toBe('json');
    expect(session.query.has('compress')).toBe(false);
    expect(session.identify).toMatchObject({ token: standIn.token, compress: false });
    // Guilds (1 << 0) and GuildMessages (1 << 9); no privileged Message Content.
    expect(session.identify.intents).toBe(1 | (1 << 9));
  });

  it('is healthy once READY and the guild arrived', () => {
    expect(adapter.health()).toEqual({ connected: true });
  });

  it('registers /pin and the context-menu commands to the guild', () => {
    const [put, ...others] = standIn.requestsTo('PUT', /commands$/);
    expect(others).toHaveLength(0);
    expect(put?.path).toBe(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
    expect(put?.authorization).toBe(`Bot ${standIn.token}`);
    expect(put?.body).toEqual(commandRegistration(ROOT_COMMAND, COMMANDS));
  });
});

describe('Discord adapter chat commands', () => {
  it('answers /pin ask publicly through the interaction callback', async () => {
    const callback = await interact(
      chatInputInteraction('ask', { question: 'why do futures need to be pinned?' }),
    );
    expect(callback.type).toBe(4);
    expect(callback.data.flags ?? 0).toBe(0);
    expect(callback.data.content).toBeUndefined();
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
    expect(callback.data.embeds?.[0]?.title).toBe('Why Rust needed pinning at all');
  });

  it('answers /pin topic with an unknown id with an ephemeral error', async () => {
    const callback = await interact(chatInputInteraction('topic', { id: 'no-such-topic' }));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.description).toContain('There is no topic "no-such-topic"');
  });

  it('opens a modal with a paragraph field for a bare /pin check', async () => {
    const callback = await interact(chatInputInteraction('check'));
    expect(callback.type).toBe(9);
    expect(callback.data.custom_id).toBe('pinbot:check');
    expect(callback.data.components).toEqual([
      expect.objectContaining({
        type: 18,
        component: expect.objectContaining({
          type: 4,
          custom_id: 'code',
          style: 2,
          required: true,
        }) as unknown,
      }),
    ]);
  });

  it('checks the code submitted in the modal and answers ephemerally', async () => {
    const code =
      '```rust\nuse std::pin::Pin;\nfn f(x: Pin<&mut String>) { let s: String = *x; }\n```';
    const callback = await interact(modalSubmitInteraction(code));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.title).toBe('The compiler will reject this');
    expect(callback.data.embeds?.[0]?.description).toContain('**error [E0507]**');
  });

  it('suggests topic ids and titles while an id is typed', async () => {
    const callback = await interact(autocompleteInteraction('topic', 'id', 'unpin'));
    expect(callback.type).toBe(8);
    expect(callback.data.choices).toContainEqual({
      name: 'The Unpin auto trait (unpin)',
      value: 'unpin',
    });
    for (const choice of callback.data.choices ?? []) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('offers at most 25 choices when nothing is typed yet', async () => {
    const callback = await interact(autocompleteInteraction('link', 'topic', ''));
    expect(callback.data.choices).toHaveLength(25);
  });

  it('suggests topic titles as questions for /pin ask', async () => {
    const callback = await interact(autocompleteInteraction('ask', 'question', 'unpin'));
    expect(callback.data.choices).toContainEqual({
      name: 'The Unpin auto trait',
      value: 'The Unpin auto trait',
    });
  });

  it('refuses a moderator subcommand to a member without Manage Messages', async () => {
    const callback = await interact(chatInputInteraction('stats'));
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.description).toBe('Only moderators can use this command.');
  });

  it('runs a moderator subcommand for a member with Manage Messages', async () => {
    const callback = await interact(
      chatInputInteraction('stats', {}, { user: MODERATOR, permissions: PERMISSIONS.moderator }),
    );
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.title).toBe('pinbot stats');
  });

  it('pings exactly the addressed user with /pin link', async () => {
    const callback = await interact(
      chatInputInteraction(
        'link',
        { topic: 'unpin', user: String(ASKER.id) },
        { user: MODERATOR, permissions: PERMISSIONS.moderator },
      ),
    );
    expect(callback.data.flags ?? 0).toBe(0);
    expect(callback.data.content).toBe(`<@${String(ASKER.id)}>`);
    expect(callback.data.allowed_mentions).toEqual({ parse: [], users: [ASKER.id] });
    expect(callback.data.embeds?.[0]?.title).toBe('The Unpin auto trait');
  });
});

describe('Discord adapter message commands', () => {
  const codeMessage = messagePayload({
    channelId: IDS.textChannel,
    author: ASKER,
    content:
      'why does this not compile?\n```rust\nuse std::pin::Pin;\nfn f(x: Pin<&mut String>) { let s: String = *x; }\n```',
  });
  const question = messagePayload({
    channelId: IDS.textChannel,
    author: ASKER,
    content: 'What does Unpin mean?',
  });

  it('checks the target message of Check pinning and answers ephemerally', async () => {
    const callback = await interact(messageCommandInteraction('Check pinning', codeMessage));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.description).toContain('**error [E0507]**');
  });

  it('refuses Answer with canonical to a member without Manage Messages', async () => {
    const callback = await interact(messageCommandInteraction('Answer with canonical', question));
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.description).toBe('Only moderators can use this command.');
  });

  it('replies to the message, addressed to its author, for a moderator', async () => {
    const interaction = messageCommandInteraction('Answer with canonical', question, {
      user: MODERATOR,
      permissions: PERMISSIONS.moderator,
    });
    const callback = await interact(interaction);
    expect(callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const posted = (await postedTo(IDS.textChannel)).body as PostedMessage;
    expect(posted.content).toBe(`<@${String(ASKER.id)}>`);
    expect(posted.allowed_mentions).toEqual({ parse: [], users: [ASKER.id] });
    expect(posted.message_reference).toMatchObject({ message_id: question.id });
    expect(posted.flags).toBeUndefined();
    expect(posted.embeds[0]?.title).toBe('The Unpin auto trait');
    const edit = (await originalEdit(interaction)).body as PostedMessage;
    expect(edit.embeds[0]?.title).toBe('Canonical answer posted');
  });

  it('shows the moderator the closest topics instead of guessing', async () => {
    const offTopic = messagePayload({
      channelId: IDS.textChannel,
      author: ASKER,
      content: 'anyone up for pizza tonight?',
    });
    const callback = await interact(
      messageCommandInteraction('Answer with canonical', offTopic, {
        user: MODERATOR,
        permissions: PERMISSIONS.moderator,
      }),
    );
    expect(callback.data.flags).toBe(EPHEMERAL);
    expect(callback.data.embeds?.[0]?.title).toBe('No canonical answer posted');
  });
});

describe('Discord adapter auto-answer', () => {
  it('answers a new forum post about pinning once, in its thread', async () => {
    const before = await services.store.questionStats({ days: 1, limit: 50 });
    const thread = forumPost(
      'Why do futures need to be pinned?',
      'I keep seeing Pin<&mut Self> in poll and do not get why.',
    );
    standIn.dispatch('THREAD_CREATE', thread);
    answered = thread;
    const posted = (await postedTo(thread.id)).body as PostedMessage;
    expect(posted.embeds[0]?.title).toBe('Why Rust needed pinning at all');
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(posted.content).toBeUndefined();
    expect(posted.flags).toBeUndefined();

    // The same thread again (discord.js drops it as known; the store would refuse it too).
    standIn.dispatch('THREAD_CREATE', thread);
    await settle();
    expect(
      standIn.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`)),
    ).toHaveLength(1);
    // The answered post counts in the stats, once.
    const after = await services.store.questionStats({ days: 1, limit: 50 });
    expect(after.answered).toBe(before.answered + 1);
  });

  it('leaves threads outside forums, off-topic posts and bots alone', async () => {
    const inTextChannel = threadPayload({
      parentId: IDS.textChannel,
      name: 'Why do futures need to be pinned?',
    });
    const offTopic = forumPost('Best pizza in town', 'any tips for tonight?');
    const byBot = forumPost('Why do futures need to be pinned?', 'asking for a friend', OTHER_BOT);
    for (const thread of [inTextChannel, offTopic, byBot])
      standIn.dispatch('THREAD_CREATE', thread);
    await settle();
    for (const thread of [inTextChannel, offTopic, byBot])
      expect(standIn.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`))).toEqual(
        [],
      );
    // The thread outside a forum is not even read.
    expect(standIn.requestsTo('GET', new RegExp(`^/channels/${inTextChannel.id}/`))).toEqual([]);
  });
});

describe('Discord adapter failures', () => {
  it('logs a failed handler once and tells the user, then keeps answering', async () => {
    const errorsBefore = logger.records.filter((record) => record.level === 'error').length;
    const locked = nextId();
    standIn.refuseChannel(locked);
    const missing = messagePayload({
      channelId: locked,
      author: ASKER,
      content: 'What does Unpin mean?',
    });
    const interaction = messageCommandInteraction('Answer with canonical', missing, {
      user: MODERATOR,
      permissions: PERMISSIONS.moderator,
    });
    expect((await interact(interaction)).type).toBe(5);
    const edit = (await originalEdit(interaction)).body as PostedMessage;
    expect(edit.embeds[0]?.description).toContain('Sorry, something went wrong on my side');
    await adapter.idle();
    const errors = logger.records.filter((record) => record.level === 'error');
    expect(errors).toHaveLength(errorsBefore + 1);
    expect(errors.at(-1)?.message).toBe('discord handler failed');
    // Still answering.
    const callback = await interact(chatInputInteraction('help'));
    expect(callback.data.embeds?.[0]?.title).toBe('pinbot: Rust pinning, explained');
  });

  it('never logs the bot token nor an interaction token', () => {
    const logged = JSON.stringify(logger.records);
    expect(logged).not.toContain(standIn.token);
    expect(logged).not.toContain('interaction-token-');
  });

  it('resumes when the gateway drops the connection, and answers again', async () => {
    const resumed = standIn.waitForResume();
    standIn.dropConnections(4000);
    await resumed;
    await vi.waitFor(() => {
      expect(adapter.health()).toEqual({ connected: true });
    });
    const callback = await interact(autocompleteInteraction('topic', 'id', 'pin-set'));
    expect(callback.type).toBe(8);
  });

  it('refuses to start with a token Discord rejects', async () => {
    const rejected = createDiscordAdapter({
      config: config({
        DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.wrong.dG9rZW4tdGhhdC1pcy1ub3QtdmFsaWQ',
      }),
      services,
      logger: recordingLogger(),
    });
    await expect(rejected.start()).rejects.toThrow(DiscordStartError);
    await expect(rejected.start()).rejects.toThrow(/already started/);
    expect(rejected.health()).toEqual({ connected: false });
  });

  it('gives up with a clear error when the gateway never gets ready', async () => {
    standIn.silent = true;
    try {
      const stuck = createDiscordAdapter({
        config: config(),
        services,
        logger: recordingLogger(),
        readyTimeoutMs: 300,
      });
      const failure = stuck.start();
      await expect(failure).rejects.toThrow(DiscordUnavailableError);
      await expect(failure).rejects.toThrow(/did not get ready within 0.3 s/);
      expect(stuck.health()).toEqual({ connected: false });
    } finally {
      standIn.silent = false;
    }
  });
});

describe('Discord adapter stop', () => {
  it('closes the gateway connection normally and reports disconnected', async () => {
    const closed = standIn.waitForClose();
    await adapter.stop();
    expect(await closed).toBe(1000);
    expect(adapter.health()).toEqual({ connected: false });
  });

  it('never answers a thread twice, also after a restart', async () => {
    const restarted = createDiscordAdapter({ config: config(), services, logger });
    await restarted.start();
    try {
      standIn.dispatch('THREAD_CREATE', answered);
      await settle(restarted);
      // Read again (discord.js did not know it after the restart), then refused by the store.
      expect(
        standIn.requestsTo('GET', new RegExp(`^/channels/${answered.id}/messages/${answered.id}$`)),
      ).toHaveLength(2);
      expect(
        standIn.requestsTo('POST', new RegExp(`^/channels/${answered.id}/messages$`)),
      ).toHaveLength(1);
    } finally {
      await restarted.stop();
    }
  });
});
