import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.js';
import { runConsole } from '../../../src/adapters/console/repl.js';
import { recordingChecker, testContext } from '../../helpers/services.js';

async function session(
  lines: string[],
  checker = recordingChecker({ verdict: 'ok', findings: [] }),
) {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await runConsole({
    input: Readable.from([lines.join('\n') + '\n']),
    output,
    commands: COMMANDS,
    context: testContext({ checker }),
    style: { color: false },
  });
  return { text, checker };
}

describe('the console', () => {
  it('answers /pin ask like the chat command', async () => {
    const { text } = await session(['/pin ask why do futures need to be pinned?']);
    expect(text).toContain('Why Rust needed pinning');
    expect(text).toContain('Sources');
  });

  it('asks plain text as a question', async () => {
    const { text } = await session(['what does Unpin mean?']);
    expect(text).toMatch(/Unpin/);
  });

  it('shows a topic and the help', async () => {
    const { text } = await session(['/pin topic pin-set', '/pin help']);
    expect(text).toContain('Pin::set');
    expect(text).toContain('The types and their contract');
  });

  it('collects pasted code after /pin check until a lone dot', async () => {
    const code = ['fn main() {', '    let x = 1;', '}'];
    const { checker } = await session(['/pin check', ...code, '.']);
    expect(checker.seen).toEqual([code.join('\n')]);
  });

  it('answers an unknown subcommand with a friendly error and keeps going', async () => {
    const { text } = await session(['/pin frobnicate', '/pin topic unpin']);
    expect(text).toContain('There is no `/pin frobnicate`');
    expect(text).toContain('Beginner');
  });

  it('ends on exit', async () => {
    const { text } = await session(['exit', '/pin help']);
    expect(text).not.toContain('Why pinning exists');
    expect(text).toContain('bye');
  });
});

describe('the console output order', () => {
  it('prints the paste hint after the answer before it', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await runConsole({
      input: Readable.from(['/pin ask what is Unpin?\n/pin check\nfn main() {}\n.\n']),
      output,
      commands: COMMANDS,
      context: testContext(),
      style: { color: false },
    });
    expect(text.indexOf('Paste the code')).toBeGreaterThan(text.indexOf('Sources'));
  });
});
