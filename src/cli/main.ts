// pinbot: the command line (see the interfaces spec). Exit codes: 0 an answer was
// produced, 2 bad usage (one line on stderr), 1 an internal failure.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderTerminal } from '../adapters/console/render.js';
import { askQuestion } from '../core/ask.js';
import type { Checker } from '../core/check.js';
import { checkReply } from '../core/check-reply.js';
import { isUserError, UserError } from '../core/errors.js';
import type { KnowledgeBase } from '../core/ports.js';
import { fullTopicReply } from '../core/topic-reply.js';
import { LEVEL_NAMES } from '../core/topic.js';
import { triagePost } from '../core/triage.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { forEachJsonLine } from './jsonl.js';

export class UsageError extends Error {}

const USAGE = `usage:
  pinbot ask [--json] [--level beginner|practitioner|implementer] "QUESTION"
  pinbot ask --jsonl                      < {"id","question"} lines
  pinbot check [--json] [FILE | -]
  pinbot check --jsonl                    < {"id","code"} lines
  pinbot triage [--json] [FILE | -]       (first line = title, rest = body)
  pinbot triage --jsonl                   < {"id","title","body"} lines
  pinbot topic [--level LEVEL] ID
  pinbot serve                            (Discord/Slack when configured, else the console)`;

const levelSchema = z.enum(LEVEL_NAMES as ['beginner', 'practitioner', 'implementer']);
const style = { color: process.stdout.isTTY };

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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function levelOf(raw: string | undefined) {
  if (raw === undefined) return undefined;
  const parsed = levelSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) throw new UsageError(`--level must be one of ${LEVEL_NAMES.join(', ')}`);
  return parsed.data;
}

function readInput(positionals: string[]): string {
  const target = positionals[0] ?? '-';
  if (positionals.length > 1) throw new UsageError('give one FILE, or - for standard input');
  try {
    return readFileSync(target === '-' ? 0 : target, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${target === '-' ? 'standard input' : target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function loadChecker(): Promise<Checker> {
  const { createChecker } = await import('../analyser/index.js');
  return createChecker();
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function ask(values: ReturnType<typeof parse>['values'], positionals: string[]): Promise<void> {
  const knowledge = createKnowledgeBase();
  const level = levelOf(values.level);
  if (values.jsonl) {
    const lineSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), question: z.string() });
    await forEachJsonLine(lineSchema, (line) => {
      const { route } = askQuestion({ question: line.question, level }, knowledge);
      return { id: line.id, topic: route.topic, confidence: route.confidence, alternatives: route.alternatives };
    });
    return;
  }
  if (positionals.length === 0) throw new UsageError('ask needs a question, e.g. pinbot ask "what is Unpin?"');
  const { route, reply } = askQuestion({ question: positionals.join(' '), level }, knowledge);
  if (values.json) {
    const text = renderTerminal(reply, { color: false });
    print({ topic: route.topic, confidence: route.confidence, alternatives: route.alternatives, text });
  } else process.stdout.write(renderTerminal(reply, style));
}

async function check(values: ReturnType<typeof parse>['values'], positionals: string[]): Promise<void> {
  const checker = await loadChecker();
  if (values.jsonl) {
    const lineSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), code: z.string() });
    await forEachJsonLine(lineSchema, (line) => ({ id: line.id, ...checker.check(line.code) }));
    return;
  }
  const result = checker.check(readInput(positionals));
  if (values.json) print({ verdict: result.verdict, findings: result.findings });
  else process.stdout.write(renderTerminal(checkReply(result, createKnowledgeBase()), style));
}

async function triage(values: ReturnType<typeof parse>['values'], positionals: string[]): Promise<void> {
  const services = { knowledge: createKnowledgeBase(), checker: await loadChecker() };
  if (values.jsonl) {
    const lineSchema = z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      title: z.string().default(''),
      body: z.string().default(''),
    });
    await forEachJsonLine(lineSchema, (line) => {
      const outcome = triagePost(line, services);
      return { id: line.id, answer: outcome.answer, topic: outcome.topic, confidence: outcome.confidence };
    });
    return;
  }
  const text = readInput(positionals);
  const [title = '', ...body] = text.split(/\r?\n/);
  const outcome = triagePost({ title, body: body.join('\n') }, services);
  if (values.json) {
    print({ answer: outcome.answer, topic: outcome.topic, confidence: outcome.confidence, check: outcome.check });
  } else if (outcome.reply) process.stdout.write(renderTerminal(outcome.reply, style));
  else process.stdout.write(`No auto-answer: ${outcome.topic ? 'not confident enough' : 'not about Rust pinning'}.\n`);
}

function topic(values: ReturnType<typeof parse>['values'], positionals: string[]): void {
  const knowledge: KnowledgeBase = createKnowledgeBase();
  const id = positionals.join(' ');
  if (!id) throw new UsageError('topic needs an id, e.g. pinbot topic unpin');
  const found = knowledge.get(id) ?? knowledge.suggest(id, 1)[0];
  if (!found) throw new UserError('unknown-topic', `no topic "${id}"; pinbot topic help lists none, try pinbot ask`);
  const reply = fullTopicReply(found, levelOf(values.level), (other) => knowledge.get(other));
  if (values.json) print({ id: found.id, text: renderTerminal(reply, { color: false }) });
  else process.stdout.write(renderTerminal(reply, style));
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parse(rest);
    if (values.help || command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    switch (command) {
      case 'ask':
        await ask(values, positionals);
        return 0;
      case 'check':
        await check(values, positionals);
        return 0;
      case 'triage':
        await triage(values, positionals);
        return 0;
      case 'topic':
        topic(values, positionals);
        return 0;
      case 'serve': {
        const { serve } = await import('../app/serve.js');
        return await serve();
      }
      default:
        throw new UsageError(`unknown command "${command}"; try pinbot --help`);
    }
  } catch (error) {
    if (error instanceof UsageError || isUserError(error)) {
      process.stderr.write(`pinbot: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`pinbot: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
