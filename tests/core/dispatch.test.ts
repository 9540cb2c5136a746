import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/core/command.js';
import { runCommand } from '../../src/core/dispatch.js';
import { UserError } from '../../src/core/errors.js';
import { recordingLogger, testContext } from '../helpers/services.js';

const failing = (error: Error) =>
  defineCommand({
    name: 'boom',
    description: 'fails',
    audience: 'everyone',
    options: {},
    run: () => {
      throw error;
    },
  });

describe('runCommand', () => {
  it('turns a user error into an ephemeral error reply without logging it', async () => {
    const logger = recordingLogger();
    const reply = await runCommand(
      failing(new UserError('unknown-topic', 'no such topic')),
      {},
      testContext({ logger }),
    );
    expect(reply).toMatchObject({ tone: 'error', ephemeral: true });
    expect(JSON.stringify(reply)).toContain('no such topic');
    expect(logger.records).toEqual([]);
  });

  it('logs an unexpected error once and answers without its details', async () => {
    const logger = recordingLogger();
    const reply = await runCommand(
      failing(new Error('secret internals')),
      {},
      testContext({ logger }),
    );
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]?.level).toBe('error');
  });

  it('refuses a moderator command to everyone else', async () => {
    const modOnly = defineCommand({
      name: 'stats',
      description: 's',
      audience: 'moderators',
      options: {},
      run: () => ({ tone: 'info', title: 't', blocks: [], ephemeral: true }),
    });
    const reply = await runCommand(modOnly, {}, testContext({}, false));
    expect(JSON.stringify(reply)).toContain('Only moderators');
    expect((await runCommand(modOnly, {}, testContext({}, true))).title).toBe('t');
  });
});
