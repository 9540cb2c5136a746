// "Pin" means many things. Before routing, recognise the common other meanings
// (a pinned chat message, a pinned dependency version, a GPIO pin, ...) so the bot
// can say which one it heard instead of guessing a Rust answer.

export interface OtherMeaning {
  meaning: string;
  pattern: RegExp;
}

export const OTHER_MEANINGS: OtherMeaning[] = [
  {
    meaning: 'pinning a chat message',
    pattern:
      /\b(?:pin(?:ned|s|ning)?|unpin(?:ned|s)?)\b[^.?!\n]{0,40}\b(?:messages?|msgs?|posts?|announcements?|pin ?list)\b|\bpinned (?:messages?|posts?)\b|\b(?:discord|slack|telegram|channel)\b[^.?!\n]{0,40}\bpin/i,
  },
  {
    meaning: 'pinning a dependency or toolchain version',
    pattern:
      /\bpin(?:ned|ning|s)?\b[^.?!\n]{0,40}\b(?:versions?|toolchain|nightly|rust-toolchain|cargo\.toml|semver|lockfile|cargo\.lock|to exactly)\b|\b(?:versions?|cargo\.toml|rust-toolchain(?:\.toml)?|cargo\.lock)\b[^.?!\n]{0,40}\bpin|\bpin\b[^.?!\n]{0,30}\bto (?:=|exactly|v?\d+\.\d+)/i,
  },
  {
    meaning: 'a hardware (GPIO) pin',
    pattern:
      /\b(?:gpio\w*|set_high|set_low|active[- ]low|active[- ]high|pull[- ]?(?:up|down)|embedded[- ]hal|raspberry|arduino|microcontroller|stm32|esp32|(?:input|output) pins?)\b/i,
  },
  {
    meaning: 'pinning threads to CPU cores (affinity)',
    pattern: /\b(?:affinity|core_affinity|cpu cores?|cpuset|isolcpus|numa)\b|\bpin\w*\b[^.?!\n]{0,30}\bthreads?\b[^.?!\n]{0,30}\bcores?\b/i,
  },
  {
    meaning: 'certificate or public-key pinning (TLS)',
    pattern:
      /\b(?:certificates?|certs?|public[- ]key|root ca|hpkp|fingerprint|pinnedpublickey)\b[^\n]{0,40}\bpin|\bpin\w*\b[^.?!\n]{0,40}\b(?:certificates?|certs?|public[- ]keys?|root ca|fingerprint|tls|ssl)\b/i,
  },
  {
    meaning: 'pinned (page-locked) memory for GPU transfers',
    pattern: /\b(?:cuda\w*|gpu|page[- ]locked|host[- ]to[- ]device|device memory|cudahost\w*|dma|tensors?|cubecl)\b/i,
  },
  {
    meaning: 'the game Rust (servers, wipes, mods)',
    pattern: /\b(?:wipe|wipes|blueprints?|oxide|umod|facepunch|rust server(?:s)? (?:wipe|mod)|windowsgsm)\b/i,
  },
  {
    meaning: 'a question about another programming language',
    pattern: /^\s*(?:c\+\+|cpp|scala|java|javascript|typescript|python|golang|go|c#|kotlin|swift)\s*:/i,
  },
];

/** Evidence that a text is about Rust's `Pin` (or futures and polling), strongest first. */
const RUST_PIN_EVIDENCE =
  /\bpin\s*<|\bunpin\b|!unpin|phantompinned|\bpin!|pin_mut!|pin_project|pin-project|\b(?:box|rc|arc)::pin\b|\bpin::(?:new|set|as_mut|get_mut|into_inner|map_unchecked)|new_unchecked|get_unchecked_mut|self[- ]referential|self[- ]referencing|\bpoll(?:_\w+)?\s*\(|\bfn poll\b|\bimpl future\b|\.await\b|\basync fn\b|\bfutures?\b[^.?!\n]{0,40}\bpin|\bpin\w*\b[^.?!\n]{0,40}\bfutures?\b|\bE0(?:277|733|793|283)\b/i;

/** The other meaning a text is about, when it shows no sign of Rust's `Pin`. */
export function recogniseOtherMeaning(text: string): string | null {
  if (RUST_PIN_EVIDENCE.test(text)) return null;
  return OTHER_MEANINGS.find((candidate) => candidate.pattern.test(text))?.meaning ?? null;
}

export function hasRustPinEvidence(text: string): boolean {
  return RUST_PIN_EVIDENCE.test(text);
}
