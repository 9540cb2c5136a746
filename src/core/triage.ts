// Auto-answer triage: should a new forum post get one reply from the bot? Only
// when it is confidently about pinning, or when its code has a pinning problem.
import { askQuestion } from './ask.js';
import type { CheckResult } from './check.js';
import { checkReply } from './check-reply.js';
import { UserError } from './errors.js';
import type { Services } from './ports.js';
import type { Reply } from './reply.js';

export interface ForumPost {
  title: string;
  body: string;
}

export interface TriageOutcome {
  answer: boolean;
  topic: string | null;
  confidence: number;
  check: CheckResult | null;
  reply: Reply | null;
}

/** Stricter than `/pin ask`: an unasked-for reply that misses is worse than silence. */
export const AUTO_ANSWER_MIN_CONFIDENCE = 0.5;

export function triagePost(
  post: ForumPost,
  services: Pick<Services, 'knowledge' | 'checker'>,
): TriageOutcome {
  const question = `${post.title}\n${post.body}`.trim();
  if (question.length === 0)
    return { answer: false, topic: null, confidence: 0, check: null, reply: null };
  const asked = safeAsk(question, services);
  const check = checkBody(post.body, services);
  const topic = asked?.route.topic ?? null;
  const confidence = asked?.route.confidence ?? 0;
  const offMeaning = asked?.route.abstention?.reason === 'other-meaning';
  const codeProblem =
    check !== null && (check.verdict === 'compile-error' || check.verdict === 'unsound');
  const confident = topic !== null && confidence >= AUTO_ANSWER_MIN_CONFIDENCE;
  const answer = !offMeaning && (confident || codeProblem);
  if (!answer) return { answer, topic, confidence, check, reply: null };
  const reply = codeProblem ? checkReply(check, services.knowledge) : (asked?.reply ?? null);
  if (reply && codeProblem && confident && asked) {
    reply.blocks.push(...asked.reply.blocks.filter((block) => block.importance === 'essential'));
  }
  return { answer, topic, confidence, check, reply };
}

function safeAsk(question: string, services: Pick<Services, 'knowledge'>) {
  try {
    return askQuestion({ question: question.slice(0, 4000) }, services.knowledge);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
}

function checkBody(body: string, services: Pick<Services, 'checker'>): CheckResult | null {
  if (body.trim().length === 0) return null;
  try {
    const result = services.checker.check(body);
    return result.verdict === 'not-rust' ? null : result;
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
}
