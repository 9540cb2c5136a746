// Resolves what a user typed for a topic (an id, a title, or the start of one).
import { UserError } from './errors.js';
import type { KnowledgeBase } from './ports.js';
import type { TopicView } from './topic.js';

export function findTopic(knowledge: KnowledgeBase, typed: string): TopicView {
  const topic = knowledge.get(typed) ?? knowledge.suggest(typed, 1)[0];
  if (!topic) {
    throw new UserError(
      'unknown-topic',
      `There is no topic "${typed}". Try \`/pin help\` for the list.`,
    );
  }
  return topic;
}
