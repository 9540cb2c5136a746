// The Slack app manifest is generated from the command definitions: every
// subcommand is in the usage hint, and everything the handlers need is declared.
import { describe, expect, it } from 'vitest';
import { COMMANDS, ROOT_COMMAND } from '../../../commands/index.js';
import { slackManifest, usageHint } from '../../../src/adapters/slack/manifest.js';
import { main } from '../../../src/cli/cli.js';
import { captureIo } from '../../helpers/io.js';

const manifest = slackManifest(COMMANDS, {
  description: ROOT_COMMAND.description,
  url: 'https://pinbot.example.org/',
});

describe('slackManifest', () => {
  it('declares one /pin command whose usage hint names every subcommand', () => {
    const [pin, ...others] = manifest.features.slash_commands;
    expect(others).toHaveLength(0);
    expect(pin).toMatchObject({
      command: '/pin',
      should_escape: true,
      url: 'https://pinbot.example.org/slack/events',
    });
    for (const command of COMMANDS)
      expect(pin?.usage_hint).toMatch(new RegExp(`\\b${command.name}\\b`));
    expect(usageHint(COMMANDS)).toContain('ask [--level LEVEL] QUESTION');
    expect(usageHint(COMMANDS)).toContain('link TOPIC [@user]');
  });

  it('declares both message shortcuts with their callback ids', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        type: 'message',
        callback_id: 'check_pinning',
        name: 'Check pinning',
      }),
      expect.objectContaining({
        type: 'message',
        callback_id: 'answer_with_canonical',
        name: 'Answer with canonical',
      }),
    ]);
  });

  it('subscribes to the events auto-answer reads and asks for the scopes the handlers use', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'app_mentions:read',
        'channels:history',
        'users:read',
        'usergroups:read',
      ]),
    );
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://pinbot.example.org/slack/events',
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('enables Socket Mode, with no request URLs, when no public URL is given', () => {
    const socket = slackManifest(COMMANDS, { description: ROOT_COMMAND.description });
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(JSON.stringify(socket)).not.toContain('"url"');
  });
});

describe('pinbot slack-manifest', () => {
  it('prints the manifest as JSON', async () => {
    const io = captureIo();
    expect(await main(['slack-manifest', '--url', 'https://pinbot.example.org'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual(manifest);
  });

  it('refuses a URL that is not https, in one line', async () => {
    const io = captureIo();
    expect(await main(['slack-manifest', '--url', 'ftp://nope'], io)).toBe(2);
    expect(io.err()).toMatch(/^pinbot: --url must be/);
  });
});
