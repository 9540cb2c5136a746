import { describe, expect, it } from 'vitest';
import { evidenceOf, recogniseOtherMeaning } from '../../src/knowledge/senses.js';

describe('recogniseOtherMeaning', () => {
  it.each([
    ['how do I pin a message in this channel', 'pinning a chat message'],
    ['can the bot unpin old announcements automatically?', 'pinning a chat message'],
    ['how do I pin serde to version 1.0.100 in Cargo.toml', 'pinning a dependency or toolchain version'],
    ['set_high on an output pin of my esp32 does nothing', 'a hardware (GPIO) pin'],
    ['pin each worker thread to its own cpu core', 'pinning threads to CPU cores (affinity)'],
    ['certificate pinning with rustls', 'certificate or public-key pinning (TLS)'],
    [
      'allocating pinned host memory for cuda transfers',
      'pinned (page-locked) memory, for GPU transfers or to keep pages out of swap',
    ],
    [
      'lock my key buffer in RAM with mlock so it is never paged out',
      'pinned (page-locked) memory, for GPU transfers or to keep pages out of swap',
    ],
  ])('recognises "%s" as %s', (text, meaning) => {
    expect(recogniseOtherMeaning(text)).toBe(meaning);
  });

  it('does not claim another meaning when the text names Rust pinning', () => {
    expect(recogniseOtherMeaning('why does Pin::new fail for my future in a discord bot?')).toBeNull();
    expect(recogniseOtherMeaning('what is PhantomPinned for')).toBeNull();
  });

  it('has no opinion on a plain Rust pinning question', () => {
    expect(recogniseOtherMeaning('why do futures need to be pinned?')).toBeNull();
  });
});

describe('evidenceOf', () => {
  it('is strong for the type, its macros and its error codes', () => {
    expect(evidenceOf('what does Unpin mean')).toBe('strong');
    expect(evidenceOf('pin!(fut) vs Box::pin')).toBe('strong');
    expect(evidenceOf('error[E0733]: recursion in an async fn')).toBe('strong');
    expect(evidenceOf('so Pin is just a wrapper?')).toBe('strong');
  });

  it('is domain for futures and polling talk', () => {
    expect(evidenceOf('my future is never polled again')).toBe('domain');
  });

  it('is none for unrelated text', () => {
    expect(evidenceOf('any good vscode theme?')).toBe('none');
  });

  it('is not strong for the verb "pin" alone', () => {
    expect(evidenceOf('Pin a message please')).not.toBe('strong');
    expect(evidenceOf('unpin the announcement')).not.toBe('strong');
  });
});
