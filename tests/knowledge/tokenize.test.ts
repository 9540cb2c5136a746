import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/knowledge/tokenize.js';

describe('tokenize', () => {
  it('keeps Rust paths as pairs, and their segments stemmed', () => {
    const terms = tokenize('Pin::new_unchecked(&mut x)');
    expect(terms).toContain('pin::new_unchecked');
    expect(terms).toContain('new_unchecked');
    expect(terms).toContain('uncheck');
  });

  it('turns !Unpin and pin! into their own terms', () => {
    expect(tokenize('my type is !Unpin')).toContain('notunpin');
    expect(tokenize('use std::pin::pin!(fut)')).toContain('pinmacro');
  });

  it('splits CamelCase identifiers and keeps them whole', () => {
    expect(tokenize('PhantomPinned')).toEqual(expect.arrayContaining(['phantompinned', 'phantom', 'pin']));
  });

  it('tells the old PinBox type from today\'s Pin<Box<T>>', () => {
    expect(tokenize('PinBox<T>')).toContain('pinbox');
    expect(tokenize('Pin<Box<T>>')).not.toContain('pinbox');
    expect(tokenize('Pin<Box<T>>')).toContain('pinboxptr');
  });

  it('keeps error codes', () => {
    expect(tokenize('error[E0277]: cannot be unpinned')).toContain('e0277');
  });

  it('stems English words and drops stop words', () => {
    expect(tokenize('the futures are pinned')).toEqual(['futur', 'pin']);
  });

  it('keeps the question words that carry intent', () => {
    expect(tokenize('why')).toEqual(['why']);
    expect(tokenize('who')).toEqual(['who']);
  });
});
