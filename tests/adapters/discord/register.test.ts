// Discord's command JSON is generated from the command definitions: every
// subcommand with its options, within Discord's limits, and the two message actions.
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { COMMANDS, ROOT_COMMAND } from '../../../commands/index.js';
import {
  COMMAND_LIMITS,
  commandRegistration,
  MESSAGE_ACTIONS,
} from '../../../src/adapters/discord/register.js';

const body = commandRegistration(ROOT_COMMAND, COMMANDS);
const [pin, checkPinning, answerWithCanonical, ...others] = body;

interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  max_length?: number;
  choices?: { name: string; value: string }[];
  options?: OptionJson[];
}

const subcommands = (pin && 'options' in pin ? pin.options : []) as OptionJson[];

function subcommand(name: string): OptionJson | undefined {
  return subcommands.find((option) => option.name === name);
}

describe('commandRegistration', () => {
  it('has /pin and the two message context-menu commands, nothing else', () => {
    expect(others).toHaveLength(0);
    expect(pin).toMatchObject({ type: 1, name: 'pin', description: ROOT_COMMAND.description });
    expect(checkPinning).toMatchObject({ type: 3, name: MESSAGE_ACTIONS.checkPinning });
    expect(answerWithCanonical).toMatchObject({
      type: 3,
      name: MESSAGE_ACTIONS.answerWithCanonical,
    });
  });

  it('has one subcommand per command, in the registry order', () => {
    expect(subcommands.map((option) => [option.type, option.name])).toEqual(
      COMMANDS.map((command) => [1, command.name]),
    );
  });

  it('lets everyone use /pin and Check pinning, and only Manage Messages Answer with canonical', () => {
    expect(pin).not.toHaveProperty('default_member_permissions');
    expect(checkPinning).not.toHaveProperty('default_member_permissions');
    expect(answerWithCanonical).toHaveProperty('default_member_permissions', String(1 << 13));
  });

  it('registers the commands for guilds only', () => {
    for (const command of body) expect(command).toMatchObject({ contexts: [0] });
  });

  it('maps string, choice and user options with their flags', () => {
    expect(subcommand('ask')?.options).toEqual([
      expect.objectContaining({
        type: 3,
        name: 'question',
        required: true,
        autocomplete: true,
        max_length: 4000,
      }),
      {
        type: 3,
        name: 'level',
        description: expect.any(String) as unknown,
        required: false,
        choices: ['beginner', 'practitioner', 'implementer'].map((level) => ({
          name: level,
          value: level,
        })),
      },
    ]);
    expect(subcommand('link')?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'topic', required: true, autocomplete: true }),
      expect.objectContaining({ type: 6, name: 'user', required: false }),
    ]);
    expect(subcommand('stats')?.options).toEqual([]);
  });

  it('caps string lengths at what Discord accepts and offers no autocomplete for code', () => {
    const [code] = subcommand('check')?.options ?? [];
    expect(code).toMatchObject({ type: 3, name: 'code', required: false, max_length: 6000 });
    expect(code).not.toHaveProperty('autocomplete');
  });

  it('stays within Discord limits, with required options before optional ones', () => {
    for (const option of subcommands) {
      expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(option.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      const required = (option.options ?? []).map((child) => child.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const child of option.options ?? []) {
        expect(child.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(child.description.length).toBeGreaterThan(0);
        expect(child.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.description);
        expect(child.autocomplete === true && child.choices !== undefined).toBe(false);
      }
    }
  });

  it('matches the reviewed command JSON', async () => {
    // Formatted as the repository formats JSON, so the file passes the format check.
    const file = fileURLToPath(new URL('./__snapshots__/commands.json', import.meta.url));
    const options = await resolveConfig(file);
    const json = await format(JSON.stringify(body), { ...options, parser: 'json' });
    await expect(json).toMatchFileSnapshot(file);
  });
});
