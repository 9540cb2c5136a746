// The ask use case: route a question, then answer from the entry or say honestly
// why not. Shared by /pin ask, the CLI, auto-answer and the console.
import type { CheckResult } from './check.js';
import { checkReply } from './check-reply.js';
import { isUserError } from './errors.js';
import { validateQuestion } from './input.js';
import { inferLevel } from './level.js';
import type { Actor } from './command.js';
import type { KnowledgeBase, Route, Services } from './ports.js';
import type { Reply, TopicLink } from './reply.js';
import type { Level } from './topic.js';
import { topicReply } from './topic-reply.js';

export interface AskInput {
  question: string;
  level?: Level | undefined;
}

export interface AskOutcome {
  route: Route;
  reply: Reply;
}

export function askQuestion(input: AskInput, knowledge: KnowledgeBase): AskOutcome {
  const question = validateQuestion(input.question);
  const route = knowledge.route(question);
  const lookup = (id: string) => knowledge.get(id);
  const topic = route.topic ? lookup(route.topic) : undefined;
  if (topic) {
    const reply = topicReply(topic, input.level ?? inferLevel(question), lookup);
    const alsoSee = route.alternatives.flatMap((id): TopicLink[] => {
      const other = lookup(id);
      return other ? [{ id: other.id, title: other.title }] : [];
    });
    if (alsoSee.length > 0) {
      reply.blocks.push({
        kind: 'topics',
        heading: 'Did you mean',
        topics: alsoSee,
        importance: 'extra',
      });
    }
    return { route, reply };
  }
  return { route, reply: abstainReply(route, knowledge) };
}

function abstainReply(route: Route, knowledge: KnowledgeBase): Reply {
  const abstention = route.abstention ?? { reason: 'off-topic' as const };
  const blocks: Reply['blocks'] = [];
  switch (abstention.reason) {
    case 'other-meaning':
      blocks.push({
        kind: 'text',
        text: `That sounds like ${abstention.meaning}. I only know about Rust's \`Pin\`: keeping values such as futures at a fixed address in memory, so I will not guess at an answer.`,
        importance: 'essential',
      });
      break;
    case 'off-topic':
      blocks.push({
        kind: 'text',
        text: 'That does not look like a question about Rust pinning (`Pin`, `Unpin`, `pin!`, `Box::pin`, futures and `poll`), which is all I know about, so I will not guess.',
        importance: 'essential',
      });
      break;
    case 'not-confident': {
      blocks.push({
        kind: 'text',
        text: 'I am not confident I understood that question, and I would rather not guess. Could you rephrase it, or paste the code or the compiler error? These topics came closest:',
        importance: 'essential',
      });
      const guesses = abstention.guesses.flatMap((id): TopicLink[] => {
        const topic = knowledge.get(id);
        return topic ? [{ id, title: topic.title }] : [];
      });
      if (guesses.length > 0)
        blocks.push({
          kind: 'topics',
          heading: 'Closest topics',
          topics: guesses,
          importance: 'essential',
        });
      break;
    }
  }
  blocks.push({
    kind: 'text',
    text: 'Try `/pin help` for the list of topics, or `/pin check` with a code snippet.',
    importance: 'useful',
  });
  return { tone: 'abstain', title: 'Not something I can answer', blocks, ephemeral: false };
}

/**
 * Remembers a question for `/pin stats`. A storage failure is logged and
 * swallowed: the asker's answer matters more than the statistic.
 */
export async function recordAsked(
  services: Pick<Services, 'store' | 'logger'>,
  platform: Actor['platform'],
  question: string,
  route: Route,
): Promise<void> {
  try {
    await services.store.recordQuestion({
      platform,
      question: question.trim(),
      topic: route.topic,
      confidence: route.confidence,
    });
  } catch (error) {
    services.logger.warn({ err: error }, 'could not record a question for the stats');
  }
}

/** A fenced code block: only then is a question's code worth checking (inline `Pin::new` is prose). */
const FENCED_CODE = /```[\s\S]*?```/;

/**
 * A question that carries code gets what the checker found in it too: next to the
 * answer when the router answered, instead of an abstention when it did not.
 */
export function withCodeFindings(
  outcome: AskOutcome,
  question: string,
  services: Pick<Services, 'knowledge' | 'checker'>,
): Reply {
  const problem = FENCED_CODE.test(question) ? checkQuietly(question, services) : null;
  if (!problem) return outcome.reply;
  const found = checkReply(problem, services.knowledge);
  if (outcome.route.topic === null) {
    return outcome.route.abstention?.reason === 'other-meaning' ? outcome.reply : found;
  }
  const [answer, ...rest] = outcome.reply.blocks;
  const findings = found.blocks.filter((block) => block.kind === 'finding');
  const intro = {
    kind: 'text' as const,
    text: `In your code: ${found.title.toLowerCase()}.`,
    importance: 'essential' as const,
  };
  return { ...outcome.reply, blocks: [...(answer ? [answer] : []), intro, ...findings, ...rest] };
}

function checkQuietly(question: string, services: Pick<Services, 'checker'>): CheckResult | null {
  try {
    const result = services.checker.check(question);
    return result.verdict === 'compile-error' || result.verdict === 'unsound' ? result : null;
  } catch (error) {
    // Too large or not text: the question itself was fine, so answer it without the check.
    if (isUserError(error)) return null;
    throw error;
  }
}
