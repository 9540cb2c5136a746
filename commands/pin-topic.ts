import { defineCommand, opt } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
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
    const topic = services.knowledge.get(input.id) ?? services.knowledge.suggest(input.id, 1)[0];
    if (!topic) {
      throw new UserError(
        'unknown-topic',
        `There is no topic "${input.id}". Try \`/pin help\` for the list.`,
      );
    }
    return fullTopicReply(topic, input.level, (id) => services.knowledge.get(id));
  },
});
