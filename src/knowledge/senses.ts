// "Pin" means many things. Before routing, recognise the common other meanings
// (a pinned chat message, a pinned dependency version, a GPIO pin, ...) so the bot
// can say which one it heard instead of guessing a Rust answer.

export interface OtherMeaning {
  meaning: string;
  pattern: RegExp;
  /** Its libraries have a `Pin` type of their own, so a capitalised `Pin` does not rule it out. */
  hasOwnPinType?: boolean;
}

export const OTHER_MEANINGS: OtherMeaning[] = [
  {
    meaning: 'pinning a chat message',
    pattern:
      /\b(?:pin(?:ned|s|ning)?|unpin(?:ned|s)?)\b[^.?!\n]{0,40}\b(?<!(?:error|compiler|diagnostic|panic) )(?:messages?|msgs?|announcements?|pin ?list)\b|\bpinned (?:messages?|comments?)\b|\b(?:discord|slack|telegram|channel|bot)\b[^.?!\n]{0,40}\b(?:un)?pin|\b(?:soft|permanent|sticky) pin\b|\bauto-?unpin/i,
  },
  {
    meaning: 'pinning a dependency or toolchain version',
    pattern:
      /\bpin(?:ned|ning|s)?\b[^.?!\n]{0,40}\b(?:versions?|toolchain|nightly|rust-toolchain|cargo\.toml|semver|lockfile|cargo\.lock|to exactly)\b|\b(?:versions?|cargo\.toml|rust-toolchain(?:\.toml)?|cargo\.lock)\b[^.?!\n]{0,40}\bpin|\bpin\b[^.?!\n]{0,30}\bto (?:=|exactly|v?\d+\.\d+)/i,
  },
  {
    meaning: 'a hardware (GPIO) pin',
    hasOwnPinType: true,
    pattern:
      /\b(?:gpio\w*|set_high|set_low|active[- ]low|active[- ]high|pull[- ]?(?:up|down)|embedded[- ]hal|raspberry|arduino|microcontroller|stm32|esp32|esp[-_]idf\w*|(?:input|output) pins?|OutputPin|InputPin|PinDriver|AnyPin|into_(?:input|output|push_pull_output|open_drain_output|floating_input|pull_up_input|pull_down_input))\b/i,
  },
  {
    meaning: 'pinning threads to CPU cores (affinity)',
    pattern:
      /\b(?:affinity|core_affinity|cpu cores?|cpuset|isolcpus|numa|spawn_pinned|LocalPoolHandle)\b|\bpin\w*\b[^.?!\n]{0,30}\bthreads?\b[^.?!\n]{0,30}\bcores?\b/i,
  },
  {
    meaning: 'certificate or public-key pinning (TLS)',
    pattern:
      /\b(?:certificates?|certs?|public[- ]key|root ca|hpkp|fingerprint|pinnedpublickey)\b[^\n]{0,40}\bpin|\bpin\w*\b[^.?!\n]{0,40}\b(?:certificates?|certs?|public[- ]keys?|root ca|fingerprint|tls|ssl)\b/i,
  },
  {
    meaning: 'pinned (page-locked) memory, for GPU transfers or to keep pages out of swap',
    pattern:
      /\b(?:cuda\w*|gpu|page[- ]locked|host[- ]to[- ]device|device memory|cudahost\w*|tensors?|cubecl|mlock\w*|memory pages?|swapped (?:out )?to disk)\b/i,
  },
  {
    // Moving collectors pin an object so it keeps its address; "pins objects" is their idiom.
    meaning: 'pinning objects in a garbage-collected heap',
    pattern:
      /\bobject pinning\b|\bconservative (?:stack )?(?:roots|scanning)\b|\b(?:runtime\.Pinner|GCHandle|pinned object heap|mmtk)\b|\b(?:gc|garbage[- ]collect\w*|collector)\b[^\n]{0,80}\bpin(?:s|ning)? (?:the |an |those |these |some )?objects?\b/i,
  },
  {
    // The secret number: written in capitals, next to what people do with one.
    meaning: 'a PIN code (the secret number of a card, phone or security key)',
    pattern:
      /\bPINs?\b[^.?!\n]{0,40}\b(?:code|PUK|tries|attempts|unlock|locked|blocked|reset|entry|pad|yubikey|smart ?card|SIM)\b|\b(?:wrong|invalid|incorrect|enter(?:ed)?|typed|my|default|change|forgot(?:ten)?)\b[^.?!\n]{0,20}\bPINs?\b|\bPIN codes?\b|\bPUK\b/,
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

/**
 * Strong evidence that a text is about Rust's `Pin`: its types, macros, methods,
 * crates and error codes. `Pin` with a capital P inside a sentence is the type.
 */
const STRONG_EVIDENCE = [
  /\bpin\s*<|\bPin::|_unpin\b|!\s*unpin|`unpin`|phantompinned/i,
  /\bUnpin\b/,
  /\bpin!|pin_mut!|pin_project|pin-project|pin[-_]init|pinned[-_]init|pin_utils|pin-utils/i,
  /\b(?:box|rc|arc)::(?:try_)?pin\b|\binto_pin\b|new_unchecked|get_unchecked_mut|map_unchecked|get_mut\b/i,
  /self[- ]referential|self[- ]referencing|structural(?:ly)? pin|pin projection/i,
  /\bE0(?:277|733|793|283)\b/,
  /\brust(?:'s)? pinning\b|\bpinning in rust\b/i,
  // The language proposals: `&pin mut T`, `#[pin_v2]`, `Drop::pin_drop`, `UnsafePinned`.
  /&pin\s+(?:mut|const)\b|#\[pin(?:_v2)?\]|\bpin_drop\b|\bUnsafePinned\b|\bPinCoerceUnsized\b/,
];

/** `Pin` capitalised inside a sentence (or starting one as a noun) is the type, mostly. */
const CAPITAL_PIN = /[^.!?\s][ \t]+Pin\b|^Pin\b(?! (?:a|an|the|this|that|my|our|it|messages?)\b)/m;

/** Evidence of the neighbourhood: futures, polling, executors, moves in memory. */
const DOMAIN_EVIDENCE =
  /\bfutures?\b|\bpoll(?:s|ed|ing|_\w+)?\b|\bwakers?\b|\bexecutors?\b|\basync\b|\.?await\b|\bselect!|\bstreams?\b|\bSleep\b|\bmoved?\b|\bmoves\b|\bintrusive\b|\bself-?(?:pointer|pointing|ref)|\b(?:points?|pointers?|references?|refers?|borrows?|slices?)\b[^.?!\n]{0,20}\b(?:in)?to (?:itself|its own|that|the same|another|a field|one of its)\b|\bborrows? (?:from )?(?:itself|its own)|\bholding both\b|\bmemory address|\baddress of (?:my|a|the) (?:struct|value|variable)|\b(?:un)?pin(?:s|ned|ning)?\b|\bboxed?\b|\bdrop\b|\bdestructor\b|\bmem::(?:swap|replace|take)\b/i;

export type Evidence = 'strong' | 'domain' | 'none';

/** How much the text itself says it is about Rust pinning. */
export function evidenceOf(text: string): Evidence {
  if (namesRustPin(text) || CAPITAL_PIN.test(text)) return 'strong';
  return DOMAIN_EVIDENCE.test(text) ? 'domain' : 'none';
}

function namesRustPin(text: string): boolean {
  return STRONG_EVIDENCE.some((pattern) => pattern.test(text));
}

/**
 * The other meaning a text is about, when it shows no strong sign of Rust's `Pin`. A bare
 * capitalised `Pin` rules out every meaning but those whose libraries have a `Pin` type too
 * (a HAL's GPIO `Pin`).
 */
export function recogniseOtherMeaning(text: string): string | null {
  if (namesRustPin(text)) return null;
  const capital = CAPITAL_PIN.test(text);
  const meaning = OTHER_MEANINGS.find(
    (candidate) => (!capital || candidate.hasOwnPinType === true) && candidate.pattern.test(text),
  );
  return meaning?.meaning ?? null;
}
