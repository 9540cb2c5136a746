import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/io.js';

async function run(args: string[], input = '') {
  const io = captureIo(input);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('pinbot ask', () => {
  it('answers with the contract JSON', async () => {
    const { code, out } = await run(['ask', '--json', 'why do futures need to be pinned?']);
    expect(code).toBe(0);
    const answer = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['alternatives', 'confidence', 'text', 'topic']);
    expect(answer['topic']).toBe('why-pin-exists');
    expect(answer['text']).toContain('Sources');
  });

  it('abstains on a chat-message question and says which meaning it heard', async () => {
    const { code, out } = await run(['ask', '--json', 'how do I pin a message in this channel']);
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { topic: null; text: string };
    expect(answer.topic).toBeNull();
    expect(answer.text).toMatch(/chat message/);
  });

  it('answers JSON lines in order, with an error line for a bad one', async () => {
    const input = [
      '{"id":"a","question":"what is Unpin?"}',
      'not json',
      '{"id":"c","question":""}',
      '{"id":"d","question":"how do I pin a message in discord"}',
    ].join('\n');
    const { code, out } = await run(['ask', '--jsonl'], input);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', topic: 'unpin' });
    expect(lines[1]).toMatchObject({
      id: null,
      error: expect.stringMatching(/not valid JSON/) as unknown,
    });
    expect(lines[2]).toMatchObject({ id: 'c', error: expect.any(String) as unknown });
    expect(lines[3]).toMatchObject({ id: 'd', topic: null });
  });

  it.each([
    ['an empty question', ['ask', '']],
    ['a question of only emoji', ['ask', '🦀📌']],
    ['a 100 KB question', ['ask', 'pin '.repeat(25_000)]],
    ['binary junk', ['ask', '\u0000\u0001\u0002\u0003\u0004pin\u0005\u0006\u0007\u0008\u000e']],
    ['an unknown level', ['ask', '--level', 'wizard', 'what is Pin']],
    ['an unknown flag', ['ask', '--verbose', 'what is Pin']],
    ['an unknown command', ['explain', 'Pin']],
  ])('exits 2 with one line on stderr for %s', async (_name, args) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^pinbot: /);
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('prints usage for --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('pinbot ask');
  });
});

describe('pinbot topic', () => {
  it('shows every level of an entry', async () => {
    const { code, out } = await run(['topic', 'unpin']);
    expect(code).toBe(0);
    expect(out).toMatch(/Beginner[\s\S]*Practitioner[\s\S]*Implementer/);
  });

  it('exits 2 for an unknown topic', async () => {
    const { code, err } = await run(['topic', 'no-such-topic-anywhere']);
    expect(code).toBe(2);
    expect(err).toMatch(/no topic/);
  });
});
