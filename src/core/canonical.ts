// "Answer with canonical": a moderator points at someone's message, and the bot
// posts the topic that answers it, or tells the moderator (only) which topics came
// closest when it is not confident. Shared by every front end's message action.
import { askQuestion } from './ask.js';
import { isUserError } from './errors.js';
import type { KnowledgeBase, Route } from './ports.js';
import { errorReply, type Reply, type TopicLink } from './reply.js';
import { MAX_QUESTION_CHARS } from './input.js';

export type CanonicalDecision =
  /** Post `/pin link topic` addressed to the message's author. */
  | { post: true; topic: string; question: string; route: Route }
  /** Post nothing; show the moderator this instead. */
  | { post: false; reply: Reply };

export function decideCanonical(messageText: string, knowledge: KnowledgeBase): CanonicalDecision {
  const question = messageText.trim().slice(0, MAX_QUESTION_CHARS);
  let route: Route;
  try {
    route = askQuestion({ question }, knowledge).route;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { post: false, reply: errorReply(error.message) };
  }
  if (route.topic) return { post: true, topic: route.topic, question, route };
  return { post: false, reply: closestTopics(route, knowledge) };
}

function closestTopics(route: Route, knowledge: KnowledgeBase): Reply {
  const abstention = route.abstention;
  const notConfident = abstention?.reason === 'not-confident';
  const ids = abstention?.reason === 'not-confident' ? abstention.guesses : route.alternatives;
  const topics = ids.flatMap((id): TopicLink[] => {
    const topic = knowledge.get(id);
    return topic ? [{ id, title: topic.title }] : [];
  });
  const blocks: Reply['blocks'] = [
    {
      kind: 'text',
      text: notConfident
        ? 'I am not confident which topic this message is about, so I posted nothing. `/pin link TOPIC @user` posts one you choose.'
        : 'This message does not look like a question about Rust pinning, so I posted nothing.',
      importance: 'essential',
    },
  ];
  if (topics.length > 0)
    blocks.push({ kind: 'topics', heading: 'Closest topics', topics, importance: 'essential' });
  return { tone: 'abstain', title: 'No canonical answer posted', blocks, ephemeral: true };
}
