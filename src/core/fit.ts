// Chooses which blocks of a Reply fit a platform's size budget. Essential blocks
// first, then useful, then extra; the chosen blocks keep their original order.
// A block that does not fit is left out whole: code is never cut in half.
import type { Reply, ReplyBlock } from './reply.js';

const ORDER = ['essential', 'useful', 'extra'] as const;

export interface Fitted {
  blocks: ReplyBlock[];
  /** True when something was left out, so the renderer should point at `reply.more`. */
  truncated: boolean;
}

/**
 * `measure` gives a block's rendered size; `shorten` may return a shorter text
 * block (prose can be cut at a sentence, code cannot) or null.
 */
export function fitBlocks(
  reply: Reply,
  budget: number,
  measure: (block: ReplyBlock) => number,
  shorten: (block: ReplyBlock, room: number) => ReplyBlock | null = () => null,
): Fitted {
  const chosen = new Map<number, ReplyBlock>();
  let used = 0;
  let truncated = false;
  for (const importance of ORDER) {
    reply.blocks.forEach((block, index) => {
      if (block.importance !== importance) return;
      const size = measure(block);
      if (used + size <= budget) {
        chosen.set(index, block);
        used += size;
        return;
      }
      truncated = true;
      const shorter = shorten(block, budget - used);
      if (shorter) {
        chosen.set(index, shorter);
        used += measure(shorter);
      }
    });
  }
  const blocks = [...chosen.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  return { blocks, truncated };
}

/** Cuts prose at the last sentence end that fits `room` characters, with an ellipsis. */
export function cutProse(text: string, room: number): string | null {
  if (room < 80) return null;
  const slice = text.slice(0, room - 2);
  const end = Math.max(
    slice.lastIndexOf('. '),
    slice.lastIndexOf('.\n'),
    slice.lastIndexOf('\n\n'),
  );
  if (end < room / 3) return null;
  // Never leave an inline code span or emphasis open.
  const cut = slice.slice(0, end + 1);
  return (cut.split('`').length - 1) % 2 === 0 ? `${cut} …` : null;
}
