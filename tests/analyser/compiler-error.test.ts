import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  explainDiagnostics,
  explanationId,
  explanationTopics,
  PASTED_COMPILER_ERROR_RULE,
} from '../../src/analyser/compiler-error.js';
import { extractCode, type PastedDiagnostic } from '../../src/analyser/extract.js';
import { loadRustParser, type RustParser } from '../../src/analyser/parser.js';

const messages = new URL('../fixtures/messages/', import.meta.url);
const rustcOutput = new URL('../fixtures/rustc-output/', import.meta.url);
const labelsFile = new URL('../fixtures/pincheck/labels.jsonl', import.meta.url);
const knowledge = new URL('../../knowledge/', import.meta.url);

let parser: RustParser;

beforeAll(async () => {
  parser = await loadRustParser();
});

function diagnosticsIn(text: string): PastedDiagnostic[] {
  const result = extractCode(text, parser);
  if (result.kind !== 'compiler-error')
    throw new Error(`expected compiler-error, got ${result.kind}`);
  return result.diagnostics;
}

function diag(
  code: string | null,
  message: string,
  extra: Partial<Pick<PastedDiagnostic, 'notes' | 'labels' | 'source'>> = {},
): PastedDiagnostic {
  return { code, message, line: 1, location: null, notes: [], labels: [], ...extra };
}

describe('explainDiagnostics', () => {
  it('gives one error finding per diagnostic, on the diagnostic line, column 1', () => {
    const diagnostics = diagnosticsIn(
      readFileSync(new URL('errors-cargo-build-two.txt', messages), 'utf8'),
    );
    const findings = explainDiagnostics(diagnostics);
    expect(findings.map((f) => [f.rule, f.severity, f.rustc, f.line, f.column])).toEqual([
      [PASTED_COMPILER_ERROR_RULE, 'error', 'E0515', 11, 1],
      [PASTED_COMPILER_ERROR_RULE, 'error', 'E0505', 19, 1],
    ]);
    expect(findings.every((f) => f.topic === 'self-referential-structs')).toBe(true);
  });

  it('names the future returned by the async fn and says to pin it', () => {
    const text = readFileSync(new URL('error-e0277-async-fn-pin-new.txt', messages), 'utf8');
    const [finding] = explainDiagnostics(diagnosticsIn(text));
    expect(finding?.topic).toBe('unpin-error-messages');
    expect(finding?.message).toContain('The future returned by `fetch_user()`');
    expect(finding?.message).toContain('must stay put');
    expect(finding?.fix).toContain('std::pin::pin!(fut)');
    expect(finding?.fix).toContain('Box::pin');
  });

  it('names the async block of an E0599 by its place, not the method', () => {
    const text = readFileSync(new URL('error-e0599-in-text-fence.md', messages), 'utf8');
    const [finding] = explainDiagnostics(diagnosticsIn(text));
    expect(finding?.message.startsWith('The async block at src/main.rs:5:20')).toBe(true);
    expect(finding?.topic).toBe('polling-manually');
    expect(finding?.fix).toContain('fut.as_mut().poll(');
  });

  it('explains a Pin<&mut Self> moved by a method call with as_mut', () => {
    const text = readFileSync(new URL('error-e0382-with-rust-fence.md', messages), 'utf8');
    const [finding] = explainDiagnostics(diagnosticsIn(text));
    expect(finding?.topic).toBe('as-mut-reborrow');
    expect(finding?.message).toContain('`self`');
    expect(finding?.fix).toContain('self.as_mut()');
  });

  it('explains a future that is not Send and names the value held across the await', () => {
    const text = readFileSync(new URL('error-future-not-send.txt', messages), 'utf8');
    const [finding] = explainDiagnostics(diagnosticsIn(text));
    expect(finding?.rustc).toBeNull();
    expect(finding?.topic).toBe('boxed-future-send-lifetimes');
    expect(finding?.message).toContain('`Rc<i32>`');
  });

  it('explains E0733 quoted inside a sentence', () => {
    const text = readFileSync(new URL('error-inline-in-sentence.txt', messages), 'utf8');
    const [finding] = explainDiagnostics(diagnosticsIn(text));
    expect(finding?.topic).toBe('async-recursion');
    expect(finding?.fix).toContain('Box::pin(');
  });

  it('gives an error that is not about pinning a neutral finding without a topic', () => {
    const [unrelated, resolve] = explainDiagnostics([
      diag('E0308', 'mismatched types', { notes: ['expected `u32`, found `&str`'] }),
      diag('E0425', 'cannot find value `cx` in this scope'),
    ]);
    expect(unrelated).toMatchObject({ rustc: 'E0308', topic: null, severity: 'error' });
    expect(unrelated?.message).toContain('does not look like a pinning problem');
    expect(unrelated?.fix).toBe('Run `rustc --explain E0308` for the details.');
    expect(resolve?.topic).toBeNull();
  });

  it('returns nothing for no diagnostics', () => {
    expect(explainDiagnostics([])).toEqual([]);
  });
});

describe('explainDiagnostics: the table', () => {
  const cases: [string, PastedDiagnostic, string, string, RegExp][] = [
    [
      'a PhantomPinned type given to Pin::new',
      diag('E0277', '`PhantomPinned` cannot be unpinned', {
        notes: [
          'required because it appears within the type `Waiter`',
          'required by a bound in `Pin::<Ptr>::new`',
        ],
      }),
      'phantompinned-cannot-be-unpinned',
      'unpin-error-messages',
      /A `Waiter` opted out of `Unpin`/,
    ],
    [
      'an unbounded generic future',
      diag('E0277', '`F` cannot be unpinned', {
        notes: [
          'consider using the `pin!` macro',
          'consider further restricting type parameter `F` with trait `Unpin`',
        ],
      }),
      'unpin-generic-parameter',
      'unpin',
      /generic type `F`/,
    ],
    [
      'a Box<dyn Future> awaited',
      diag('E0277', '`dyn Future<Output = u32>` cannot be unpinned', {
        notes: ['required for `Box<dyn Future<Output = u32>>` to implement `Future`'],
      }),
      'unpin-dyn-future-await',
      'boxed-futures-dyn',
      /The boxed `dyn Future<Output = u32>`/,
    ],
    [
      'Pin::new on a Box<dyn Future>',
      diag('E0277', '`dyn Future<Output = u8>` cannot be unpinned', {
        notes: ['required by a bound in `Pin::<Ptr>::new`'],
      }),
      'unpin-dyn-future-pin-new',
      'boxed-futures-dyn',
      /Pin::new/,
    ],
    [
      'awaiting &mut of an async fn future',
      diag('E0277', '`{async fn body of compute()}` cannot be unpinned', {
        notes: ['required for `&mut impl Future<Output = u32>` to implement `Future`'],
      }),
      'unpin-awaiting-mut-ref',
      'unpin-error-messages',
      /The future returned by `compute\(\)` is awaited through `&mut`/,
    ],
    [
      'the older "is not a future" wording',
      diag('E0277', '`&mut impl Future<Output = u8>` is not a future'),
      'mut-ref-is-not-a-future',
      'unpin-error-messages',
      /The future behind `&mut impl Future<Output = u8>`/,
    ],
    [
      'Pin::get_mut on a !Unpin type',
      diag('E0277', '`{async block@src/main.rs:4:9: 4:14}` cannot be unpinned', {
        notes: ["required by a bound in `Pin::<&'a mut T>::get_mut`"],
      }),
      'unpin-get-mut',
      'get-mut-and-unchecked',
      /The async block at src\/main\.rs:4:9/,
    ],
    [
      'StreamExt::next on a !Unpin stream',
      diag('E0277', '`{async block@src/lib.rs:3:5: 3:10}` cannot be unpinned', {
        notes: ['required by a bound in `futures::StreamExt::next`'],
      }),
      'unpin-stream-combinator',
      'streams-and-unpin',
      /The async block at src\/lib\.rs:3:5/,
    ],
    [
      'an async closure future given to Pin::new',
      diag('E0277', '`{async closure body@src/main.rs:6:38: 6:43}` cannot be unpinned'),
      'cannot-be-unpinned',
      'unpin-error-messages',
      /The async closure's future at src\/main\.rs:6:38/,
    ],
    [
      'poll on an unpinned opaque future',
      diag(
        'E0599',
        'no method named `poll` found for opaque type `impl Future<Output = u64>` in the current scope',
      ),
      'poll-on-unpinned-future',
      'polling-manually',
      /The future \(`impl Future<Output = u64>`\)/,
    ],
    [
      'as_mut on an unpinned future',
      diag(
        'E0599',
        'no method named `as_mut` found for opaque type `impl Future<Output = ()>` in the current scope',
      ),
      'as-mut-on-unpinned-future',
      'pin-macro',
      /not pinned yet/,
    ],
    [
      'Box::new where Pin<Box<..>> is expected',
      diag('E0308', 'mismatched types', {
        notes: [
          "expected struct `Pin<Box<(dyn Future<Output = u8> + 'static)>>`",
          'found struct `Box<{async block@src/lib.rs:11:37: 11:42}>`',
        ],
      }),
      'expected-pinned-box',
      'boxed-futures-dyn',
      /`Box<\.\.>` is given where a `Pin<Box<\.\.>>` is expected/,
    ],
    [
      'Future::poll(&mut fut, cx)',
      diag('E0308', 'mismatched types', {
        labels: ['expected `Pin<&mut _>`, found `&mut impl Future<Output = u8>`'],
      }),
      'expected-pinned-reference',
      'polling-manually',
      /plain `&mut` is passed where `Pin<&mut _>` is expected/,
    ],
    [
      'a Pin<&mut F> moved into an FnMut closure',
      diag('E0507', 'cannot move out of `fut`, a captured variable in an `FnMut` closure', {
        notes: ['consider reborrowing the `Pin` instead of moving it'],
      }),
      'pin-moved-by-method-call',
      'as-mut-reborrow',
      /`fut` is a `Pin<&mut _>`/,
    ],
    [
      'moving out of a Pin<Box<T>>',
      diag('E0507', 'cannot move out of dereference of `Pin<Box<Ring>>`'),
      'move-out-of-pin',
      'pinning-is-permanent',
      /must stay put/,
    ],
    [
      'a write through Pin<&mut T>',
      diag('E0594', 'cannot assign to data in dereference of `Pin<&mut Meter>`'),
      'assign-through-pin',
      'pin-set',
      /`Pin<&mut Meter>` points at a `!Unpin` value/,
    ],
    [
      'a &mut borrow through Pin<&mut T>',
      diag('E0596', 'cannot borrow data in dereference of `Pin<&mut Batch<F>>` as mutable'),
      'borrow-mut-through-pin',
      'get-mut-and-unchecked',
      /`Pin<&mut Batch<F>>`/,
    ],
    [
      'async recursion',
      diag('E0733', 'recursion in an async fn requires boxing'),
      'async-recursion',
      'async-recursion',
      /calls itself/,
    ],
    [
      'Box::new(fut).await',
      diag('E0283', 'type annotations needed: cannot satisfy `impl Future<Output = u64>: Unpin`'),
      'box-new-is-not-unpin',
      'box-pin',
      /Box::new/,
    ],
    [
      'a packed projection',
      diag('E0793', 'reference to field of packed struct is unaligned'),
      'packed-field-reference',
      'repr-packed-and-pin',
      /#\[repr\(packed\)\]/,
    ],
    [
      'a value moved while pinned',
      diag('E0505', 'cannot move out of `job` because it is borrowed', {
        source: ['let pinned = unsafe { Pin::new_unchecked(&mut job) };', 'let stolen = job;'],
      }),
      'moved-while-pinned',
      'pin-new-vs-new-unchecked',
      /`job` is moved while a `Pin` made from it is still in use/,
    ],
    [
      'a struct borrowing its own field',
      diag('E0515', 'cannot return value referencing local data `index.words`'),
      'self-referential-struct',
      'self-referential-structs',
      /probably kept next to a reference into itself/,
    ],
    [
      'an async fn in a dyn trait',
      diag('E0038', 'the trait `Store` is not dyn compatible', {
        notes: ['...because method `load` is `async`'],
      }),
      'async-trait-object',
      'boxed-futures-dyn',
      /dyn Trait/,
    ],
    [
      'impl !Unpin on stable',
      diag('E0658', 'negative trait bounds are not fully implemented; use marker types for now'),
      'negative-unpin-impl',
      'phantompinned',
      /PhantomPinned/,
    ],
    [
      'fn drop(self: Pin<&mut Self>)',
      diag('E0053', 'method `drop` has an incompatible type for trait'),
      'drop-with-pinned-self',
      'pin-and-drop',
      /&mut self/,
    ],
    [
      'fn poll(&mut self, ..)',
      diag('E0053', 'method `poll` has an incompatible type for trait'),
      'poll-signature',
      'implementing-future',
      /self: Pin<&mut Self>/,
    ],
    [
      'unsafe impl Unpin',
      diag('E0199', 'implementing the trait `Unpin` is not unsafe'),
      'unsafe-unpin-impl',
      'unpin',
      /safe trait/,
    ],
    [
      'Pin::new_unchecked outside unsafe',
      diag(
        'E0133',
        'call to unsafe function `Pin::<Ptr>::new_unchecked` is unsafe and requires unsafe function or block',
      ),
      'unsafe-pin-call',
      'pin-new-vs-new-unchecked',
      /stays put/,
    ],
  ];

  it.each(cases)('explains %s', (_name, diagnostic, id, topic, message) => {
    expect(explanationId(diagnostic)).toBe(id);
    const [finding] = explainDiagnostics([diagnostic]);
    expect(finding?.topic).toBe(topic);
    expect(finding?.rustc).toBe(diagnostic.code);
    expect(finding?.message).toMatch(message);
    expect(finding?.fix).toBeTruthy();
  });

  it('reads E0505 as self-referential only with a sign of it', () => {
    const alone = diag('E0505', 'cannot move out of `buf` because it is borrowed');
    expect(explanationId(alone)).toBeNull();
    const withReturn = diag('E0515', 'cannot return value referencing function parameter `buf`');
    expect(explanationId(alone, [alone, withReturn])).toBe('self-referential-struct');
  });

  it('points only at topics that exist in the knowledge base', () => {
    for (const topic of explanationTopics()) {
      expect(existsSync(new URL(`${topic}.md`, knowledge)), topic).toBe(true);
    }
  });
});

describe('explainDiagnostics on what rustc printed for our corpus', () => {
  const labels = readFileSync(labelsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { file: string; rustc_codes: string[] });
  const outputs = readdirSync(rustcOutput).filter((name) => name.endsWith('.txt'));

  it('has the output of every compile-error case', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(outputs)('explains %s as a pinning error with the codes rustc gave', (name) => {
    const diagnostics = diagnosticsIn(readFileSync(new URL(name, rustcOutput), 'utf8'));
    const label = labels.find((row) => row.file === name.replace('.txt', '.rs'));
    expect([...new Set(diagnostics.map((d) => d.code).filter((c) => c !== null))]).toEqual(
      label?.rustc_codes,
    );
    const findings = explainDiagnostics(diagnostics);
    expect(findings[0]?.topic, findings[0]?.message).not.toBeNull();
  });
});
