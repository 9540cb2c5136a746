import { describe, expect, it } from 'vitest';
import ask from '../../commands/pin-ask.js';
import { UserError } from '../../src/core/errors.js';
import type { CheckResult } from '../../src/core/check.js';
import { recordingChecker, testContext } from '../helpers/services.js';

describe('/pin ask', () => {
  it('answers at the asked level with the short answer first', async () => {
    const reply = await ask.execute(
      { question: 'what does Unpin mean?', level: 'beginner' },
      testContext(),
    );
    expect(reply.tone).toBe('answer');
    expect(reply.blocks[1]).toMatchObject({ kind: 'text', heading: 'In plain words' });
    expect(reply.blocks.some((block) => block.kind === 'sources')).toBe(true);
  });

  it('defaults to the practitioner level', async () => {
    const reply = await ask.execute({ question: 'what does Unpin mean?' }, testContext());
    expect(reply.blocks[1]).toMatchObject({ heading: 'What to write' });
  });

  it('picks the level the question implies when none is chosen', async () => {
    const context = testContext();
    const beginner = await ask.execute(
      { question: "I'm new to Rust: what does Unpin mean?" },
      context,
    );
    const expert = await ask.execute(
      { question: 'what invariant does Unpin relax for get_unchecked_mut callers?' },
      context,
    );
    expect(beginner.blocks[1]).toMatchObject({ heading: 'In plain words' });
    expect(expert.blocks[1]).toMatchObject({ heading: 'The contract' });
  });

  it('lets a chosen level win over the one the question implies', async () => {
    const reply = await ask.execute(
      { question: "I'm new to Rust: what does Unpin mean?", level: 'implementer' },
      testContext(),
    );
    expect(reply.blocks[1]).toMatchObject({ heading: 'The contract' });
  });

  it('abstains publicly but honestly when the question is off-topic', async () => {
    const reply = await ask.execute({ question: 'best pizza in town?' }, testContext());
    expect(reply.tone).toBe('abstain');
  });

  it('rejects an unknown level as a user error', async () => {
    await expect(
      ask.execute({ question: 'what is Pin', level: 'guru' }, testContext()),
    ).rejects.toBeInstanceOf(UserError);
  });

  it('rejects a missing question', async () => {
    await expect(ask.execute({}, testContext())).rejects.toMatchObject({ code: 'invalid-option' });
  });

  describe('with code in the question', () => {
    const broken: CheckResult = {
      verdict: 'compile-error',
      findings: [
        {
          rule: 'pin-new-not-unpin',
          severity: 'error',
          rustc: 'E0277',
          line: 3,
          column: 5,
          message: '`fut` is not Unpin',
          fix: 'pin it with pin!',
          topic: 'unpin-error-messages',
        },
      ],
    };
    const code = '```rust\nlet fut = async {};\nPin::new(&mut fut);\n```';

    it('adds what the checker found right after the short answer', async () => {
      const checker = recordingChecker(broken);
      const reply = await ask.execute(
        { question: `why does Pin::new reject my async block?\n${code}` },
        testContext({ checker }),
      );
      expect(reply.tone).toBe('answer');
      expect(reply.blocks[2]).toMatchObject({ kind: 'finding', rustc: 'E0277', line: 3 });
      expect(checker.seen).toHaveLength(1);
    });

    it('answers with the check instead of an abstention', async () => {
      const reply = await ask.execute(
        { question: 'what now?\n```\nfn main() { let total = 1; }\n```' },
        testContext({ checker: recordingChecker(broken) }),
      );
      expect(reply.tone).toBe('check');
    });

    it('does not run the checker on prose with inline code', async () => {
      const checker = recordingChecker(broken);
      const reply = await ask.execute(
        { question: 'why does `Pin::new(&mut fut)` need Unpin?' },
        testContext({ checker }),
      );
      expect(checker.seen).toEqual([]);
      expect(reply.blocks.some((block) => block.kind === 'finding')).toBe(false);
    });
  });
});
