import { describe, expect, it } from 'vitest';
import check from '../../commands/pin-check.js';
import { recordingChecker, testContext } from '../helpers/services.js';

describe('/pin check', () => {
  it('passes the code to the checker and shows each finding with its topic', async () => {
    const checker = recordingChecker({
      verdict: 'compile-error',
      findings: [
        {
          rule: 'pin-new-requires-unpin',
          severity: 'error',
          rustc: 'E0277',
          line: 3,
          column: 9,
          message: 'the async block must stay put',
          fix: 'use std::pin::pin!',
          topic: 'unpin',
        },
      ],
    });
    const reply = await check.execute(
      { code: 'let f = Pin::new(&mut async {});' },
      testContext({ checker }),
    );
    expect(checker.seen).toEqual(['let f = Pin::new(&mut async {});']);
    expect(reply.title).toBe('The compiler will reject this');
    expect(reply.blocks[1]).toMatchObject({
      kind: 'finding',
      rustc: 'E0277',
      topic: { id: 'unpin' },
    });
  });

  it('replies privately when there was no code', async () => {
    const checker = recordingChecker({ verdict: 'not-rust', findings: [] });
    const reply = await check.execute({ code: 'hello there' }, testContext({ checker }));
    expect(reply.ephemeral).toBe(true);
  });
});
