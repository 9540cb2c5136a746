// The neutral reply model: every command returns a Reply, and each front end
// (Discord embeds, Slack blocks, the terminal) renders it within its own limits.

export interface SourceLink {
  title: string;
  url: string;
}

export interface TopicLink {
  id: string;
  title: string;
}

/** How much a block matters when a renderer must leave something out. */
export type Importance = 'essential' | 'useful' | 'extra';

export type ReplyBlock =
  | { kind: 'text'; heading?: string; text: string; importance: Importance }
  | {
      kind: 'code';
      heading?: string;
      language: string;
      code: string;
      caption?: string;
      importance: Importance;
    }
  | {
      kind: 'finding';
      severity: 'error' | 'unsound' | 'warning' | 'note';
      line: number;
      column: number;
      rustc: string | null;
      message: string;
      fix: string | null;
      topic: TopicLink | null;
      importance: Importance;
    }
  | { kind: 'topics'; heading: string; topics: TopicLink[]; importance: Importance }
  | { kind: 'sources'; sources: SourceLink[]; importance: Importance };

export type ReplyTone = 'answer' | 'abstain' | 'check' | 'info' | 'error';

export interface Reply {
  tone: ReplyTone;
  title: string;
  blocks: ReplyBlock[];
  /** Where the whole story is, for renderers that had to leave blocks out (e.g. `/pin topic id`). */
  more?: { label: string; command: string };
  /** Only the asker sees it (Discord ephemeral, Slack ephemeral); errors always are. */
  ephemeral: boolean;
  /**
   * A platform user id to address the reply to (a moderator's `/pin link TOPIC @user`).
   * Renderers ping exactly this user and nobody else.
   */
  mention?: string;
}

export function errorReply(message: string): Reply {
  return {
    tone: 'error',
    title: 'Something is off',
    blocks: [{ kind: 'text', text: message, importance: 'essential' }],
    ephemeral: true,
  };
}
