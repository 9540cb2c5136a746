// Finds runs of N consecutive words that two texts share: the knowledge base is
// written in our own words, so a long shared run means a pasted sentence.

/**
 * Lower-cased words: letters, digits and underscores, so code tokens count too.
 * URLs are left out: citing the same page as a seed is not copying it.
 */
export function words(text: string): string[] {
  return (
    text
      .replace(/https?:\/\/\S+/g, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu) ?? []
  );
}

function shingles(tokens: string[], size: number): Set<string> {
  const found = new Set<string>();
  for (let start = 0; start + size <= tokens.length; start++) {
    found.add(tokens.slice(start, start + size).join(' '));
  }
  return found;
}

/** Every run of `size` words in `text` that also appears in one of `sources`. */
export function sharedRuns(text: string, sources: string[], size = 10): string[] {
  const seen = new Set<string>();
  for (const source of sources) for (const run of shingles(words(source), size)) seen.add(run);
  return [...shingles(words(text), size)].filter((run) => seen.has(run));
}
