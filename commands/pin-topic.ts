import { defineCommand, opt } from '../src/core/command.js';
import { findTopic } from '../src/core/find-topic.js';
import { LEVEL_NAMES } from '../src/core/topic.js';
import { fullTopicReply } from '../src/core/topic-reply.js';

export default defineCommand({
  name: 'topic',
  description: 'Show one knowledge-base entry',
  audience: 'everyone',
  options: {
    id: opt.string({
      description: 'Topic id or title',
      maxLength: 100,
      autocomplete: 'topics',
      rest: true,
    }),
    level: opt
      .choice(LEVEL_NAMES as ['beginner', 'practitioner', 'implementer'], {
        description: 'Show only this level (default: all three)',
      })
      .optional(),
  },
  run(input, { services }) {
    const topic = findTopic(services.knowledge, input.id);
    return fullTopicReply(topic, input.level, (id) => services.knowledge.get(id));
  },
});
