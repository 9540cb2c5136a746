import { checkReply } from '../src/core/check-reply.js';
import { defineCommand, opt } from '../src/core/command.js';

export default defineCommand({
  name: 'check',
  description: 'Check a Rust snippet for pinning mistakes',
  audience: 'everyone',
  options: {
    code: opt
      .string({
        description: 'The code (fenced or bare); leave empty to paste it in a form',
        maxLength: 65536,
        rest: true,
      })
      .optional(),
  },
  run(input, { services }) {
    const result = services.checker.check(input.code ?? '');
    return checkReply(result, services.knowledge);
  },
});
