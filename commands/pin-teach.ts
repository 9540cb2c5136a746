import { defineCommand, opt } from '../src/core/command.js';
import { findTopic } from '../src/core/find-topic.js';
import { validateQuestion } from '../src/core/input.js';

export default defineCommand({
  name: 'teach',
  description: 'Teach pinbot a phrasing for a topic (moderators)',
  audience: 'moderators',
  options: {
    topic: opt.string({
      description: 'The topic the phrasing belongs to',
      maxLength: 100,
      autocomplete: 'topics',
    }),
    phrase: opt.string({
      description: 'How people ask it, e.g. "my select loop restarts the timer"',
      maxLength: 300,
      rest: true,
    }),
  },
  async run(input, { services, actor }) {
    const topic = findTopic(services.knowledge, input.topic);
    const phrase = validateQuestion(input.phrase);
    const before = services.knowledge.route(phrase).topic;
    // Stored first: a phrasing that was not saved must not look learned.
    await services.store.addPhrasing({
      topic: topic.id,
      phrase,
      taughtBy: `${actor.platform}:${actor.id}`,
    });
    services.knowledge.teach(topic.id, phrase);
    const after = services.knowledge.route(phrase).topic;
    const was = before === topic.id ? 'it already went there' : `before: ${before ?? 'no answer'}`;
    const now =
      after === topic.id
        ? `It now leads to **${topic.title}** (${was}).`
        : `Saved, but it still leads to ${after ?? 'no answer'}: other phrasings are closer, so a few more examples will help.`;
    return {
      tone: 'info',
      title: 'Phrasing learned',
      blocks: [{ kind: 'text', text: `"${phrase}"\n${now}`, importance: 'essential' }],
      ephemeral: true,
    };
  },
});
