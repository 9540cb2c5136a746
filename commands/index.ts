// The explicit registry of /pin subcommands, in the order `/pin help` lists them.
import type { AnyCommand } from '../src/core/command.js';
import ask from './pin-ask.js';
import check from './pin-check.js';
import help from './pin-help.js';
import link from './pin-link.js';
import stats from './pin-stats.js';
import teach from './pin-teach.js';
import topic from './pin-topic.js';

export const ROOT_COMMAND = {
  name: 'pin',
  description: 'Rust pinning: ask, check code, browse topics',
};

export const COMMANDS: readonly AnyCommand[] = [ask, check, topic, link, teach, stats, help];

export function findCommand(name: string): AnyCommand | undefined {
  return COMMANDS.find((command) => command.name === name.toLowerCase());
}
