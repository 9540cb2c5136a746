// pinbot: the command line (see the interfaces spec). Exit codes: 0 an answer was
// produced, 2 bad usage (one line on stderr), 1 an internal failure. main.ts is the
// process entry; this module takes its streams as arguments so tests can drive it.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { COMMANDS, ROOT_COMMAND } from '../../commands/index.js';
import { renderTerminal } from '../adapters/console/render.js';
import { slackManifest } from '../adapters/slack/manifest.js';
import { askQuestion } from '../core/ask.js';
import type { Checker } from '../core/check.js';
import { checkReply } from '../core/check-reply.js';
import { isUserError, UserError } from '../core/errors.js';
import type { KnowledgeBase } from '../core/ports.js';
import { fullTopicReply } from '../core/topic-reply.js';
import { LEVEL_NAMES, type Level } from '../core/topic.js';
import { triagePost } from '../core/triage.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import type { Io } from '../app/io.js';
import { forEachJsonLine } from './jsonl.js';

export type { Io } from '../app/io.js';

export class UsageError extends Error {}

export const USAGE = `usage:
  pinbot ask [--json] [--level beginner|practitioner|implementer] "QUESTION"
  pinbot ask --jsonl                      < {"id","question"} lines
  pinbot check [--json] [FILE | -]
  pinbot check --jsonl                    < {"id","code"} lines
  pinbot triage [--json] [FILE | -]       (first line = title, rest = body)
  pinbot triage --jsonl                   < {"id","title","body"} lines
  pinbot topic [--json] [--level LEVEL] ID
  pinbot serve                            (Discord/Slack when configured, else the console)
  pinbot slack-manifest [--url URL]       (the Slack app manifest; URL = public base of serve)`;

const levelSchema = z.enum(LEVEL_NAMES as ['beginner', 'practitioner', 'implementer']);
const idSchema = z.union([z.string(), z.number()]).transform(String);

type Flags = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        level: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function levelOf(raw: string | undefined): Level | undefined {
  if (raw === undefined) return undefined;
  const parsed = levelSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) throw new UsageError(`--level must be one of ${LEVEL_NAMES.join(', ')}`);
  return parsed.data;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(positionals: string[], io: Io): Promise<string> {
  if (positionals.length > 1) throw new UsageError('give one FILE, or - for standard input');
  const target = positionals[0] ?? '-';
  if (target === '-') return readAll(io.stdin);
  try {
    return await readFile(target, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

async function loadChecker(): Promise<Checker> {
  // Loaded on demand: `pinbot ask` should not pay for the parser at start-up.
  const { createChecker } = await import('../analyser/index.js');
  return createChecker();
}

function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

async function ask(flags: Flags, positionals: string[], io: Io): Promise<void> {
  const knowledge = createKnowledgeBase();
  const level = levelOf(flags.level);
  if (flags.jsonl) {
    const lineSchema = z.object({ id: idSchema, question: z.string() });
    await forEachJsonLine(lineSchema, io, (line) => {
      const { route } = askQuestion({ question: line.question, level }, knowledge);
      return {
        id: line.id,
        topic: route.topic,
        confidence: route.confidence,
        alternatives: route.alternatives,
      };
    });
    return;
  }
  if (positionals.length === 0)
    throw new UsageError('ask needs a question, e.g. pinbot ask "what is Unpin?"');
  const { route, reply } = askQuestion({ question: positionals.join(' '), level }, knowledge);
  if (flags.json) {
    const text = renderTerminal(reply, { color: false });
    printJson(io, {
      topic: route.topic,
      confidence: route.confidence,
      alternatives: route.alternatives,
      text,
    });
  } else io.stdout.write(renderTerminal(reply, { color: io.color }));
}

async function check(flags: Flags, positionals: string[], io: Io): Promise<void> {
  const checker = await loadChecker();
  if (flags.jsonl) {
    const lineSchema = z.object({ id: idSchema, code: z.string() });
    await forEachJsonLine(lineSchema, io, (line) => {
      const result = checker.check(line.code);
      return { id: line.id, verdict: result.verdict, findings: result.findings };
    });
    return;
  }
  const result = checker.check(await readInput(positionals, io));
  if (flags.json) printJson(io, { verdict: result.verdict, findings: result.findings });
  else
    io.stdout.write(renderTerminal(checkReply(result, createKnowledgeBase()), { color: io.color }));
}

async function triage(flags: Flags, positionals: string[], io: Io): Promise<void> {
  const services = { knowledge: createKnowledgeBase(), checker: await loadChecker() };
  if (flags.jsonl) {
    const lineSchema = z.object({
      id: idSchema,
      title: z.string().default(''),
      body: z.string().default(''),
    });
    await forEachJsonLine(lineSchema, io, (line) => {
      const outcome = triagePost(line, services);
      return {
        id: line.id,
        answer: outcome.answer,
        topic: outcome.topic,
        confidence: outcome.confidence,
      };
    });
    return;
  }
  const [title = '', ...body] = (await readInput(positionals, io)).split(/\r?\n/);
  const outcome = triagePost({ title, body: body.join('\n') }, services);
  if (flags.json) {
    const { answer, topic: topicId, confidence, check: checked } = outcome;
    printJson(io, { answer, topic: topicId, confidence, check: checked });
  } else if (outcome.reply) io.stdout.write(renderTerminal(outcome.reply, { color: io.color }));
  else
    io.stdout.write(
      `No auto-answer: ${outcome.topic ? 'not confident enough' : 'not about Rust pinning'}.\n`,
    );
}

function topic(flags: Flags, positionals: string[], io: Io): void {
  const knowledge: KnowledgeBase = createKnowledgeBase();
  const id = positionals.join(' ').trim();
  if (!id) throw new UsageError('topic needs an id, e.g. pinbot topic unpin');
  const found = knowledge.get(id) ?? knowledge.suggest(id, 1)[0];
  if (!found) throw new UserError('unknown-topic', `no topic "${id}"; try pinbot ask "${id}"`);
  const reply = fullTopicReply(found, levelOf(flags.level), (other) => knowledge.get(other));
  if (flags.json) printJson(io, { id: found.id, text: renderTerminal(reply, { color: false }) });
  else io.stdout.write(renderTerminal(reply, { color: io.color }));
}

function slackManifestCommand(flags: Flags, positionals: string[], io: Io): void {
  if (positionals.length > 0) throw new UsageError('slack-manifest takes no arguments, only --url');
  if (flags.url !== undefined && !/^https:\/\/[^\s/]+/.test(flags.url))
    throw new UsageError('--url must be the public https:// address of pinbot serve');
  const manifest = slackManifest(COMMANDS, {
    description: ROOT_COMMAND.description,
    ...(flags.url !== undefined ? { url: flags.url } : {}),
  });
  io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parse(rest);
    if (values.help || command === undefined || ['help', '--help', '-h'].includes(command)) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    switch (command) {
      case 'ask':
        await ask(values, positionals, io);
        return 0;
      case 'check':
        await check(values, positionals, io);
        return 0;
      case 'triage':
        await triage(values, positionals, io);
        return 0;
      case 'topic':
        topic(values, positionals, io);
        return 0;
      case 'slack-manifest':
        slackManifestCommand(values, positionals, io);
        return 0;
      case 'serve': {
        const { serve } = await import('../app/serve.js');
        return await serve(io);
      }
      default:
        throw new UsageError(`unknown command "${command}"; try pinbot --help`);
    }
  } catch (error) {
    if (error instanceof UsageError || isUserError(error)) {
      io.stderr.write(`pinbot: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`pinbot: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}
