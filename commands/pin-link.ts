import { defineCommand, opt } from '../src/core/command.js';
import { findTopic } from '../src/core/find-topic.js';
import { topicReply } from '../src/core/topic-reply.js';

export default defineCommand({
  name: 'link',
  description: 'Post the canonical answer of a topic here (moderators)',
  audience: 'moderators',
  options: {
    topic: opt.string({
      description: 'The topic to post',
      maxLength: 100,
      autocomplete: 'topics',
    }),
    user: opt.user({ description: 'Someone to address it to' }).optional(),
  },
  run(input, { services }) {
    const topic = findTopic(services.knowledge, input.topic);
    const reply = topicReply(topic, 'practitioner', (id) => services.knowledge.get(id));
    return input.user ? { ...reply, mention: input.user } : reply;
  },
});
