import { describe, expect, it } from 'vitest';
import { sharedRuns, words } from '../../src/tooling/overlap.js';

describe('sharedRuns', () => {
  const source =
    'A pinned value must stay at the same address until the destructor has run to completion.';

  it('finds a copied run of ten words whatever the case and punctuation', () => {
    const copy = 'Note: a PINNED value must stay at the same address, until the destructor ran.';
    expect(sharedRuns(copy, [source], 10)).toContain(
      'a pinned value must stay at the same address until',
    );
  });

  it('finds nothing when only nine words in a row match', () => {
    const text = 'a pinned value must stay at the same address and never move';
    expect(sharedRuns(text, [source], 10)).toEqual([]);
  });

  it('ignores a URL that both texts cite', () => {
    const url = 'https://doc.rust-lang.org/std/pin/struct.Pin.html#method.set';
    expect(sharedRuns(`see ${url}`, [`docs at ${url}`], 10)).toEqual([]);
  });

  it('counts code identifiers as words', () => {
    expect(words('Pin::new_unchecked(&mut x)')).toEqual(['pin', 'new_unchecked', 'mut', 'x']);
  });
});
