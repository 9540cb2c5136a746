import { describe, expect, it } from 'vitest';
import { inferLevel } from '../../src/core/level.js';

describe('inferLevel', () => {
  it.each([
    "I'm new to Rust, what is Pin?",
    'ELI5: why do futures need pinning',
    'can someone explain Unpin in simple terms',
    'beginner here, why does tokio::select! want my future pinned?',
    'just started with async, what does Box::pin do',
  ])('reads %j as a beginner question', (question) => {
    expect(inferLevel(question)).toBe('beginner');
  });

  it.each([
    'is it unsound to call Pin::new_unchecked on a stack value I never move?',
    'what invariant must get_unchecked_mut callers uphold?',
    'does miri flag this self-referential future under stacked borrows?',
    'is this UB: mem::swap after polling a pinned future',
    'how does the drop guarantee interact with structural pinning?',
  ])('reads %j as an implementer question', (question) => {
    expect(inferLevel(question)).toBe('implementer');
  });

  it.each([
    'how do I store a future in a struct',
    'why does select! in a loop need pin!',
    'that sounds odd: Box::pin vs pin!',
    'do I need unsafe to pin something?',
  ])('reads %j as a practitioner question', (question) => {
    expect(inferLevel(question)).toBe('practitioner');
  });

  it('lets a self-described beginner have plain words even about unsafe APIs', () => {
    expect(inferLevel("I'm a beginner: why is Pin::new_unchecked unsafe?")).toBe('beginner');
  });
});
