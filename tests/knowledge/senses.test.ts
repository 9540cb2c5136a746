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
    ['the moving collector pins objects found through conservative stack roots', 'pinning objects in a garbage-collected heap'],
    ['C# GCHandle pinned buffer passed to native code', 'pinning objects in a garbage-collected heap'],
    ['typed the wrong PIN three times and the yubikey is blocked', 'a PIN code (the secret number of a card, phone or security key)'],
    ['how do I change the default PIN of the smart card', 'a PIN code (the secret number of a card, phone or security key)'],
    ['spawn_pinned is slower than tokio::spawn for ready futures', 'pinning threads to CPU cores (affinity)'],
    ['esp-idf-hal: can my Pin trait take &mut self in reset()?', 'a hardware (GPIO) pin'],
    ['PinDriver::output(peripherals.pins.gpio4) then into_input fails', 'a hardware (GPIO) pin'],
  ])('recognises "%s" as %s', (text, meaning) => {
    expect(recogniseOtherMeaning(text)).toBe(meaning);
  });

  it('does not claim another meaning when the text names Rust pinning', () => {
    expect(recogniseOtherMeaning('why does Pin::new fail for my future in a discord bot?')).toBeNull();
    expect(recogniseOtherMeaning('what is PhantomPinned for')).toBeNull();
  });

  it('does not take compiler error messages for chat messages', () => {
    expect(recogniseOtherMeaning('pinning error messages are hard to read')).toBeNull();
    expect(recogniseOtherMeaning('what does unpinned mean in this compiler message')).toBeNull();
  });

  it('keeps Rust pinning apart from the new meanings', () => {
    expect(recogniseOtherMeaning('my arena stores pinned objects, must their destructors run?')).toBeNull();
    expect(recogniseOtherMeaning('is Rust pinning the same as pinned memory in CUDA?')).toBeNull();
    expect(recogniseOtherMeaning('does the drop guarantee keep a pinned DMA buffer alive?')).toBeNull();
    // A capitalised Pin is Rust's type unless the text is about a HAL.
    expect(
      recogniseOtherMeaning('is my Pin still valid when I pin each worker thread to its own cpu core'),
    ).toBeNull();
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
    expect(evidenceOf('what are #[pin_v2] and &pin mut on nightly?')).toBe('strong');
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
