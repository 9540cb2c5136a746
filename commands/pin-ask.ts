import { askQuestion, recordAsked, withCodeFindings } from '../src/core/ask.js';
import { defineCommand, opt } from '../src/core/command.js';
import { LEVEL_NAMES } from '../src/core/topic.js';

export default defineCommand({
  name: 'ask',
  description: 'Ask a question about Rust pinning',
  audience: 'everyone',
  options: {
    question: opt.string({
      description: 'Your question, e.g. "why do futures need to be pinned?"',
      maxLength: 4000,
      autocomplete: 'topics',
      rest: true,
    }),
    level: opt
      .choice(LEVEL_NAMES as ['beginner', 'practitioner', 'implementer'], {
        description: 'How deep the answer goes (default: read from how you ask)',
      })
      .optional(),
  },
  async run(input, { services, actor }) {
    const outcome = askQuestion(input, services.knowledge);
    await recordAsked(services, actor.platform, input.question, outcome.route);
    return withCodeFindings(outcome, input.question, services);
  },
});
