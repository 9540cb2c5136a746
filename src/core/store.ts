// The storage port: what the bot remembers between runs. Questions asked (so
// moderators can see what went unanswered), phrasings moderators taught, and which
// threads already got their one automatic reply. Async, so a networked database
// can stand behind it as well as SQLite.
import type { Actor } from './command.js';

export interface AskedQuestion {
  platform: Actor['platform'];
  question: string;
  /** Null when the bot abstained. */
  topic: string | null;
  confidence: number;
}

export interface TaughtPhrasing {
  topic: string;
  phrase: string;
}

export interface QuestionStats {
  /** The window the figures cover, in days back from now. */
  days: number;
  asked: number;
  answered: number;
  /** Topics answered most often, most first. */
  topTopics: { topic: string; count: number }[];
  /** Questions the bot abstained on, the most often asked first, then the latest. */
  unanswered: { question: string; count: number; lastAsked: string }[];
}

export interface Store {
  recordQuestion(asked: AskedQuestion): Promise<void>;
  questionStats(options: { days: number; limit: number }): Promise<QuestionStats>;
  addPhrasing(taught: TaughtPhrasing & { taughtBy: string }): Promise<void>;
  phrasings(): Promise<TaughtPhrasing[]>;
  /**
   * Claims the one automatic reply of a thread: true the first time for a key,
   * false ever after (also across restarts).
   */
  claimAutoReply(threadKey: string): Promise<boolean>;
  /** Whether the database answers a trivial query now (for /healthz); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
