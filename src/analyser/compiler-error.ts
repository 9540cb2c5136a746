// Explains pasted rustc errors about pinning: which value must stay put, what to change, and the
// knowledge topic behind it. One table of patterns -> explanation; the first row that matches a
// diagnostic explains it, and errors that are not about pinning get a neutral finding.
import type { Finding } from '../core/check.js';
import type { PastedDiagnostic } from './extract.js';

export const PASTED_COMPILER_ERROR_RULE = 'pasted-compiler-error';

/** What a row sees of one diagnostic and of the paste it came in. */
interface Context {
  diagnostic: PastedDiagnostic;
  /** Notes and labels, one per line. */
  details: string;
  /** The source lines rustc quoted, one per line. */
  source: string;
  /** Every error code in the paste. */
  pasteCodes: ReadonlySet<string>;
  /** The first backticked type or name in the headline (what most errors are about). */
  subject: string | null;
  /** The last one (`no method named `poll` found for ... `T``: the type comes last). */
  lastSubject: string | null;
}

interface Explanation {
  /** Stable id of the row (tests and logs). */
  id: string;
  /** The codes the row explains; null stands for an error without a code. */
  codes: readonly (string | null)[];
  /** Must match the headline. */
  headline: RegExp;
  /** When set, must match the notes and labels. */
  details?: RegExp;
  /** When set, must also hold. */
  when?: (context: Context) => boolean;
  topic: string;
  message: (context: Context) => string;
  fix: (context: Context) => string;
}

const PIN_IT =
  'Pin it before use: `let mut fut = std::pin::pin!(fut);` (or `Box::pin(fut)` when it must outlive this scope), then use the pinned handle: `fut.as_mut().poll(cx)`, `fut.as_mut().await`, `fut.await`.';

const EXPLANATIONS: readonly Explanation[] = [
  {
    id: 'unpin-dyn-future-await',
    codes: ['E0277', null],
    headline: /`dyn Future\b.*` cannot be unpinned|`Unpin` is not implemented for `dyn Future/,
    details: /to implement `(?:Into)?Future`|remove the `\.await`/,
    topic: 'boxed-futures-dyn',
    message: (c) =>
      `${subjectOf(c)} sits in a \`Box\` that is not pinned, so it cannot be awaited or polled: \`Box<dyn Future>\` is only a future when the future inside is \`Unpin\`, and a \`dyn Future\` must stay put once polled.`,
    fix: () =>
      'Return and store `Pin<Box<dyn Future<Output = T>>>` (add `+ Send` if it crosses threads) and build it with `Box::pin(async move { .. })`, or convert an existing box with `Box::into_pin(b)`.',
  },
  {
    id: 'unpin-dyn-future-pin-new',
    codes: ['E0277', null],
    headline: /`dyn Future\b.*` cannot be unpinned|`Unpin` is not implemented for `dyn Future/,
    topic: 'boxed-futures-dyn',
    message: (c) =>
      `${subjectOf(c)} must stay put once polled, and \`Pin::new\` only accepts pointers to \`Unpin\` values: the \`Box<..>\` was coerced to \`dyn Future\` before it was pinned.`,
    fix: () =>
      'Build the pinned box in one step with `Box::pin(async move { .. })` (or `Box::into_pin(boxed)`), instead of `Pin::new(Box::new(..))`.',
  },
  {
    id: 'unpin-awaiting-mut-ref',
    codes: ['E0277', null],
    headline: /cannot be unpinned|`&mut .*` is not a future|`Unpin` is not implemented/,
    details: /required for `&mut [^`]*` to implement `(?:Into)?Future`/,
    topic: 'unpin-error-messages',
    message: (c) =>
      `${subjectOf(c)} is awaited through \`&mut\`, which is only allowed for \`Unpin\` futures: it must stay put while it is polled, and a plain \`&mut\` does not promise that.`,
    fix: () =>
      'Pin it first and await the pinned handle: `let mut fut = std::pin::pin!(fut);` then `fut.as_mut().await` (or `(&mut fut).await`) wherever you awaited `&mut fut`.',
  },
  {
    id: 'mut-ref-is-not-a-future',
    codes: ['E0277', null],
    headline: /`&mut [^`]*` is not a future/,
    topic: 'unpin-error-messages',
    message: (c) =>
      `${subjectOf(c)} is awaited through \`&mut\`; that only works when the future behind it is \`Unpin\`, and this one probably is not (an async block or an \`async fn\` call).`,
    fix: () =>
      'Pin the future once with `let mut fut = std::pin::pin!(fut);` and await `fut.as_mut()` each time you need it.',
  },
  {
    id: 'unpin-generic-parameter',
    codes: ['E0277', null],
    headline: /`[A-Z]\w{0,30}` cannot be unpinned|`Unpin` is not implemented for `[A-Z]\w{0,30}`/,
    details: /restricting type parameter|`[A-Z]\w*: Unpin`/,
    topic: 'unpin',
    message: (c) =>
      `The generic type ${subjectOf(c)} may be \`!Unpin\` (an async block, a \`PhantomPinned\` type), and then it must stay put once pinned: \`Pin::new\`, \`Pin::get_mut\` and awaiting through \`&mut\` all need it to be \`Unpin\`.`,
    fix: (c) =>
      `Either require it: add \`${c.subject ?? 'F'}: Unpin\` to the bounds, or keep it pinned without that bound: \`std::pin::pin!(fut)\` / \`Box::pin(fut)\`, take \`Pin<&mut ${c.subject ?? 'F'}>\` as the parameter, or project to the field (\`pin-project\`) instead of \`get_mut\`.`,
  },
  {
    id: 'unpin-get-mut',
    codes: ['E0277', null],
    headline: /cannot be unpinned|`Unpin` is not implemented/,
    details: /Pin::<[^>]*>::(?:get_mut|into_inner)|`Pin::(?:get_mut|into_inner)`/,
    topic: 'get-mut-and-unchecked',
    message: (c) =>
      `${subjectOf(c)} is \`!Unpin\`, so it must stay put while pinned: \`Pin::get_mut\` and \`Pin::into_inner\` would hand out a \`&mut\` that can move it.`,
    fix: () =>
      'Replace the whole value with `pinned.set(new_value)`, or reach a field through a projection (`pin-project`); for a field that is not structurally pinned use `unsafe { pinned.as_mut().get_unchecked_mut() }` and never move the value out.',
  },
  {
    id: 'unpin-stream-combinator',
    codes: ['E0277', 'E0599', null],
    headline: /cannot be unpinned|`Unpin` is not implemented|trait bounds were not satisfied/,
    details: /StreamExt|FutureExt|poll_unpin|poll_next_unpin|select!|`\w+: Unpin`/,
    topic: 'streams-and-unpin',
    message: (c) =>
      `${subjectOf(c)} is not \`Unpin\`, and the method you called (\`next\`, \`poll_unpin\`, \`select!\` ...) needs to poll it through a plain \`&mut\`, which is only allowed when it cannot be hurt by a move.`,
    fix: () =>
      'Pin it first: `let mut s = std::pin::pin!(s);` (or `Box::pin(s)`, or `.boxed()` from `futures`) and call the method on the pinned handle: `s.next().await`.',
  },
  {
    id: 'phantompinned-cannot-be-unpinned',
    codes: ['E0277', null],
    headline: /`PhantomPinned` cannot be unpinned|`Unpin` is not implemented for `PhantomPinned`/,
    topic: 'unpin-error-messages',
    message: (c) => {
      const holder = /appears within the type `([^`]+)`/.exec(c.details)?.[1];
      const value = holder ? `A \`${holder}\`` : 'The value that holds `PhantomPinned`';
      return `${value} opted out of \`Unpin\` with \`PhantomPinned\`: it must stay put once pinned, so \`Pin::new\` cannot pin it (that needs \`Unpin\`).`;
    },
    fix: () =>
      'Pin it where it lives with `let v = std::pin::pin!(value);` or `let v = Box::pin(value);` and call the `self: Pin<&mut Self>` methods on that handle (`v.as_mut().method()`).',
  },
  {
    id: 'cannot-be-unpinned',
    codes: ['E0277', null],
    headline:
      /cannot be unpinned|the trait `Unpin` is not implemented|the trait bound `[^`]*: Unpin` is not satisfied/,
    topic: 'unpin-error-messages',
    message: (c) =>
      `${subjectOf(c)} is \`!Unpin\`: it must stay put once it has been polled, so \`Pin::new\` (or anything that needs \`Unpin\`) cannot pin it through a plain reference.`,
    fix: () => PIN_IT,
  },
  {
    id: 'poll-on-unpinned-future',
    codes: ['E0599', null],
    headline: /no method named `poll` found/,
    topic: 'polling-manually',
    message: (c) =>
      `${subjectOf({ ...c, subject: c.lastSubject })} is polled without being pinned: \`Future::poll\` takes \`self: Pin<&mut Self>\`, so the future must be pinned (and stay put) first.`,
    fix: () =>
      'Pin it, then poll the pinned handle: `let mut fut = std::pin::pin!(fut);` and `fut.as_mut().poll(&mut cx)` in the loop.',
  },
  {
    id: 'as-mut-on-unpinned-future',
    codes: ['E0599', null],
    headline: /no method named `as_mut` found/,
    when: (c) => /Future|async|Pin|\{/.test(c.diagnostic.message + c.details),
    topic: 'pin-macro',
    message: (c) =>
      `${subjectOf(c)} is not pinned yet: \`.as_mut()\` is a method of \`Pin\`, so it exists only after the future has been pinned (where it must then stay).`,
    fix: () =>
      'Pin it first: `let mut fut = std::pin::pin!(fut);` (or `Box::pin(fut)`), then `fut.as_mut().poll(cx)` works.',
  },
  {
    id: 'expected-pinned-box',
    codes: ['E0308'],
    headline: /mismatched types/,
    details: /expected [^`\n]*`Pin<Box</,
    when: (c) => /found [^`\n]*`Box</.test(c.details),
    topic: 'boxed-futures-dyn',
    message: () =>
      'A `Box<..>` is given where a `Pin<Box<..>>` is expected: the boxed future must be pinned so that it stays put once polled.',
    fix: () =>
      'Use `Box::pin(async move { .. })` instead of `Box::new(..)` (or wrap an existing box with `Box::into_pin(b)`).',
  },
  {
    id: 'expected-pinned-reference',
    codes: ['E0308'],
    headline: /mismatched types/,
    details: /expected [^`\n]*`Pin<&(?:'\w+ )?mut /,
    topic: 'polling-manually',
    message: () =>
      'A plain `&mut` is passed where `Pin<&mut _>` is expected (as `Future::poll` requires): the future has to be pinned, and stay put, before it can be polled.',
    fix: () =>
      'Pin it once with `let mut fut = std::pin::pin!(fut);` and pass `fut.as_mut()` (a fresh `Pin<&mut _>` each call) instead of `&mut fut`.',
  },
  {
    id: 'pin-moved-by-method-call',
    codes: ['E0382', 'E0507'],
    headline: /use of moved value|cannot move out of `[^`]+`, a captured variable/,
    details: /reborrowing the `Pin`|Pin<&(?:'\w+ )?mut|as_mut\(\)/,
    topic: 'as-mut-reborrow',
    message: (c) =>
      `${nameOf(c, 'The pinned reference')} is a \`Pin<&mut _>\`, and a \`self: Pin<&mut Self>\` method call consumes it: Rust does not reborrow \`Pin\` automatically, so it is gone after the first call.`,
    fix: (c) =>
      `Reborrow for every call but the last: \`${bare(c) ?? 'p'}.as_mut().method()\` (inside a closure, call \`.as_mut()\` on the captured pin too).`,
  },
  {
    id: 'move-out-of-pin',
    codes: ['E0507'],
    headline: /cannot move out of (?:dereference of|data in) `Pin</,
    topic: 'pinning-is-permanent',
    message: (c) =>
      `The value behind ${nameOf(c, 'the pin')} must stay put for as long as it lives: moving it out of the \`Pin\` is not allowed.`,
    fix: () =>
      'Borrow instead of moving (`&*pinned`, `pinned.as_ref()`), clone what you need, or replace it in place with `pinned.set(..)`.',
  },
  {
    id: 'assign-through-pin',
    codes: ['E0594'],
    headline: /cannot assign to data in dereference of `Pin</,
    topic: 'pin-set',
    message: (c) =>
      `${subjectOf(c)} points at a \`!Unpin\` value, which must stay put: \`Pin\` gives no \`DerefMut\` for it, so you cannot assign through it.`,
    fix: () =>
      'Replace the whole value with `pinned.set(new_value)` (`pinned.as_mut().set(..)` to keep using it); for a field that is not structurally pinned, `unsafe { pinned.as_mut().get_unchecked_mut() }.field = ..` and never move the value.',
  },
  {
    id: 'borrow-mut-through-pin',
    codes: ['E0596'],
    headline: /cannot borrow data in dereference of `Pin</,
    topic: 'get-mut-and-unchecked',
    message: (c) =>
      `${subjectOf(c)} points at a \`!Unpin\` value, which must stay put: \`Pin\` gives no \`&mut\` to it (no \`DerefMut\`), since a \`&mut\` could move it.`,
    fix: () =>
      'Use `pinned.set(..)` to replace it, a projection (`pin-project`) to reach pinned fields, or `unsafe { pinned.as_mut().get_unchecked_mut() }` for fields that are not structurally pinned (never move them out).',
  },
  {
    id: 'async-recursion',
    codes: ['E0733'],
    headline:
      /recursion in an async fn requires boxing|recursion in an `async fn` requires boxing|recursion in an async block/,
    topic: 'async-recursion',
    message: () =>
      'The `async fn` calls itself, so its future would contain itself and have infinite size: the recursive call needs its own heap allocation, pinned so it can stay put.',
    fix: () =>
      'Box the recursive call: `Box::pin(recurse(n - 1)).await` (enough since Rust 1.77); on older compilers return `Pin<Box<dyn Future<Output = T> + Send>>` from a plain `fn`, or use an explicit stack.',
  },
  {
    id: 'box-new-is-not-unpin',
    codes: ['E0283', 'E0277'],
    headline: /cannot satisfy `[^`]*Future[^`]*: Unpin`|type annotations needed/,
    when: (c) => /Unpin/.test(c.diagnostic.message + c.details),
    topic: 'box-pin',
    message: () =>
      'A future is boxed with `Box::new` and awaited: `Box<F>` is only a future when `F: Unpin`, and an `async fn` future is not; it must be pinned to stay put.',
    fix: () => 'Use `Box::pin(fut).await` instead of `Box::new(fut).await`.',
  },
  {
    id: 'packed-field-reference',
    codes: ['E0793'],
    headline: /reference to (?:field of )?packed (?:struct|field)/,
    topic: 'repr-packed-and-pin',
    message: () =>
      'A reference to a field of a `#[repr(packed)]` struct may be unaligned; pinning a field (projection) needs exactly such a reference, and a packed type cannot promise its fields stay put where they are.',
    fix: () =>
      'Drop `#[repr(packed)]` from any type you pin or project into; for plain `Copy` fields read a copy instead (`let v = { self.field };`).',
  },
  {
    id: 'moved-while-pinned',
    codes: ['E0505'],
    headline: /cannot move out of `[^`]+` because it is borrowed/,
    when: (c) => /Pin::new(?:_unchecked)?\(|pin!\(/.test(c.source),
    topic: 'pin-new-vs-new-unchecked',
    message: (c) =>
      `${nameOf(c, 'The value')} is moved while a \`Pin\` made from it is still in use: a pinned value must stay put until it is dropped.`,
    fix: (c) =>
      `Do not touch \`${bare(c) ?? 'the value'}\` after pinning it: shadow the binding with its pin (\`let mut fut = std::pin::pin!(fut);\`), or pin it on the heap with \`Box::pin\` if it has to move around.`,
  },
  {
    id: 'self-referential-struct',
    codes: ['E0505', 'E0515', 'E0597', 'E0502', 'E0499', 'E0506', 'E0716', null],
    headline:
      /cannot move out of `[^`]+` because it is borrowed|cannot return value referencing|does not live long enough|cannot borrow `[^`]+` as (?:im)?mutable (?:because it is also borrowed|more than once)|cannot assign to `[^`]+` because it is borrowed|lifetime may not live long enough/,
    when: looksSelfReferential,
    topic: 'self-referential-structs',
    message: (c) =>
      `${nameOf(c, 'The value')} is probably kept next to a reference into itself (a struct borrowing its own field): the borrow ties the value to its place, so it can no longer be moved or returned, and Rust's lifetimes cannot express such a struct.`,
    fix: () =>
      'Store an index or a range (`std::ops::Range<usize>`) instead of the reference, borrow at the use site, or use a crate such as `self_cell`/`ouroboros`; pinning plus a raw pointer is only for types that are pinned before the pointer is set.',
  },
  {
    id: 'future-not-send',
    codes: ['E0277', null],
    headline: /future cannot be sent between threads safely|cannot be sent between threads safely/,
    when: (c) =>
      /future|async/i.test(c.diagnostic.message + c.details) || c.diagnostic.code === null,
    topic: 'boxed-future-send-lifetimes',
    message: (c) => {
      const held = /has type `([^`]+)` which is not `Send`/.exec(c.details)?.[1];
      const what = held ? `a \`${held}\`` : 'a value that is not `Send`';
      const future = /future (?:returned by|created by) `([^`]+)`/.exec(c.details)?.[1];
      return `The future${future ? ` returned by \`${future}\`` : ''} holds ${what} across an \`.await\`, so it is not \`Send\` and cannot move to another thread (a task's future is pinned on the heap, but the whole task still moves between threads).`;
    },
    fix: () =>
      'Drop the non-`Send` value before the `.await` (scope it in a block), or use a `Send` alternative (`Arc`, `tokio::sync::Mutex`); for boxed futures write `Pin<Box<dyn Future<Output = T> + Send>>`.',
  },
  {
    id: 'async-trait-object',
    codes: ['E0038'],
    headline: /is not dyn compatible|cannot be made into an object/,
    details: /async|Future|impl Trait/,
    topic: 'boxed-futures-dyn',
    message: () =>
      'A trait with an `async fn` (or a method returning `impl Future`) cannot be used as `dyn Trait`: the future type differs per implementation and is not boxed.',
    fix: () =>
      "Make the method return `Pin<Box<dyn Future<Output = T> + Send + '_>>` and build it with `Box::pin(async move { .. })` (the `async-trait` crate does this for you).",
  },
  {
    id: 'negative-unpin-impl',
    codes: ['E0658'],
    headline: /negative trait bounds|negative impls? |negative_impls/,
    topic: 'phantompinned',
    message: () =>
      '`impl !Unpin` is nightly-only; the stable way to make a type that must stay put once pinned is a `PhantomPinned` field.',
    fix: () =>
      'Remove the `impl !Unpin` and add a field `_pin: std::marker::PhantomPinned` (initialised with `PhantomPinned`).',
  },
  {
    id: 'drop-with-pinned-self',
    codes: ['E0053'],
    headline: /method `drop` has an incompatible type/,
    topic: 'pin-and-drop',
    message: () =>
      '`Drop::drop` always takes `&mut self`, even for a type that is pinned; the value must still be treated as pinned (it must stay put) inside `drop`.',
    fix: () =>
      'Keep `fn drop(&mut self)` and forward to a pinned helper: `inner_drop(unsafe { Pin::new_unchecked(self) }); fn inner_drop(this: Pin<&mut Self>) { .. }`.',
  },
  {
    id: 'poll-signature',
    codes: ['E0053'],
    headline: /method `poll\w*` has an incompatible type/,
    topic: 'implementing-future',
    message: () =>
      '`Future::poll` (and `poll_next`, `poll_read` ...) takes `self: Pin<&mut Self>`, not `&mut self`: the future must stay put while it is polled.',
    fix: () =>
      "Write `fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>` and reach fields through `self.as_mut()`, `self.get_mut()` (when `Self: Unpin`) or a projection.",
  },
  {
    id: 'unsafe-unpin-impl',
    codes: ['E0199'],
    headline: /implementing the trait `Unpin` is not unsafe/,
    topic: 'unpin',
    message: () =>
      '`Unpin` is a safe trait: `impl Unpin` is written without `unsafe`, but it promises that the type need not stay put once pinned.',
    fix: () =>
      'Write `impl<T> Unpin for Wrapper<T> {}` without `unsafe`, and only if no field is structurally pinned (otherwise bound it: `impl<T: Unpin> Unpin for Wrapper<T> {}`).',
  },
  {
    id: 'unsafe-pin-call',
    codes: ['E0133'],
    headline:
      /call to unsafe function `[^`]*(?:new_unchecked|get_unchecked_mut|map_unchecked|into_inner_unchecked)/,
    topic: 'pin-new-vs-new-unchecked',
    message: () =>
      'This `Pin` constructor or accessor is `unsafe`: you promise that the value stays put (is never moved again, until it is dropped).',
    fix: () =>
      'Prefer a safe way to pin: `std::pin::pin!(value)` or `Box::pin(value)`. Use `unsafe { Pin::new_unchecked(&mut value) }` only if `value` is never touched again except through the pin (shadow the binding).',
  },
  {
    id: 'move-out-of-drop-type',
    codes: ['E0509'],
    headline: /cannot move out of type `[^`]+`, which implements the `Drop` trait/,
    when: (c) => /Pin|Future|fut/.test(c.diagnostic.message + c.details),
    topic: 'pin-and-drop',
    message: () =>
      'A field is moved out of a type that implements `Drop`; for a pinned type this would also move a value that must stay put.',
    fix: () =>
      'Take the field with `Option::take` or `mem::replace` on an `Option` field (only if it is not structurally pinned), or use `pinned.set(None)` on a pinned `Option`.',
  },
];

/** Explains pasted rustc errors: one finding per diagnostic, in order. */
export function explainDiagnostics(diagnostics: PastedDiagnostic[]): Finding[] {
  const pasteCodes = new Set<string>();
  for (const diagnostic of diagnostics) if (diagnostic.code) pasteCodes.add(diagnostic.code);
  return diagnostics.map((diagnostic) => explainOne(diagnostic, pasteCodes));
}

function explainOne(diagnostic: PastedDiagnostic, pasteCodes: ReadonlySet<string>): Finding {
  const context = contextOf(diagnostic, pasteCodes);
  const row = EXPLANATIONS.find((candidate) => matches(candidate, context));
  const base = {
    rule: PASTED_COMPILER_ERROR_RULE,
    severity: 'error' as const,
    rustc: diagnostic.code,
    line: diagnostic.line,
    column: 1,
  };
  if (!row) {
    return {
      ...base,
      message: `rustc says${diagnostic.code ? ` ${diagnostic.code}` : ''}: ${diagnostic.message || 'an error'}. This does not look like a pinning problem.`,
      fix: diagnostic.code ? `Run \`rustc --explain ${diagnostic.code}\` for the details.` : null,
      topic: null,
    };
  }
  return { ...base, message: row.message(context), fix: row.fix(context), topic: row.topic };
}

/** The id of the row that explains a diagnostic, or null (tests and logs). */
export function explanationId(diagnostic: PastedDiagnostic, all = [diagnostic]): string | null {
  const pasteCodes = new Set<string>();
  for (const one of all) if (one.code) pasteCodes.add(one.code);
  const context = contextOf(diagnostic, pasteCodes);
  return EXPLANATIONS.find((row) => matches(row, context))?.id ?? null;
}

/** Every topic id the table can point at (for the completeness test). */
export function explanationTopics(): string[] {
  return [...new Set(EXPLANATIONS.map((row) => row.topic))];
}

function contextOf(diagnostic: PastedDiagnostic, pasteCodes: ReadonlySet<string>): Context {
  const spans = backticked(diagnostic.message);
  return {
    diagnostic,
    details: [...diagnostic.notes, ...(diagnostic.labels ?? [])].join('\n'),
    source: (diagnostic.source ?? []).join('\n'),
    pasteCodes,
    subject: spans[0] ?? null,
    lastSubject: spans[spans.length - 1] ?? null,
  };
}

function matches(row: Explanation, context: Context): boolean {
  const { diagnostic } = context;
  if (!row.codes.includes(diagnostic.code)) return false;
  if (!row.headline.test(diagnostic.message)) return false;
  if (row.details && !row.details.test(context.details)) return false;
  return row.when ? row.when(context) : true;
}

/** The `quoted` spans of a headline, in order. */
function backticked(text: string): string[] {
  const spans: string[] = [];
  let start = text.indexOf('`');
  while (start !== -1) {
    const end = text.indexOf('`', start + 1);
    if (end === -1) break;
    spans.push(text.slice(start + 1, end));
    start = text.indexOf('`', end + 1);
  }
  return spans;
}

/** "The async block at src/main.rs:5:28", "The future returned by `fetch()`", ... */
function subjectOf(context: Context): string {
  const subject = context.subject;
  if (subject === null) return 'The future or value named in the error';
  const asyncBlock = /^\{async (block|closure body|gen block)@([^:}]+):(\d+):(\d+)/.exec(subject);
  if (asyncBlock) {
    const kind = asyncBlock[1] === 'closure body' ? "async closure's future" : 'async block';
    return `The ${kind} at ${asyncBlock[2] ?? ''}:${asyncBlock[3] ?? ''}:${asyncBlock[4] ?? ''}`;
  }
  const asyncFn = /^\{async fn body of (.+)\}$/.exec(subject);
  if (asyncFn) return `The future returned by \`${asyncFn[1] ?? ''}\``;
  if (subject.startsWith('impl Future')) return `The future (\`${subject}\`)`;
  if (subject.startsWith('dyn Future')) return `The boxed \`${subject}\``;
  if (subject.startsWith('&mut ')) {
    const inner = subject.slice(5);
    return inner.startsWith('impl Future') || inner.startsWith('{')
      ? `The future behind \`${subject}\``
      : `\`${inner}\` (behind \`${subject}\`)`;
  }
  if (subject.startsWith('Pin<')) return `\`${subject}\``;
  return `\`${subject}\``;
}

/** "`c`" from "use of moved value: `c`", with a fallback. */
function nameOf(context: Context, fallback: string): string {
  const name = bare(context);
  return name ? `\`${name}\`` : fallback;
}

function bare(context: Context): string | null {
  const subject = context.subject;
  if (subject === null || !/^[\w.]+$/.test(subject)) return null;
  return subject;
}

/** Borrow errors that come from a struct holding a reference into its own data. */
function looksSelfReferential(context: Context): boolean {
  const text = `${context.diagnostic.message}\n${context.details}`;
  const borrowCodes = ['E0505', 'E0515', 'E0597', 'E0502', 'E0499', 'E0506', 'E0716'];
  const together = borrowCodes.filter((code) => context.pasteCodes.has(code)).length >= 2;
  const fieldPath = /`(?:self|\w+)\.\w+`/.test(text);
  const lifetime = /lifetime `'\w+`|`'\w+`|returning this value requires/.test(text);
  const structLiteral = /\bstruct\b|field/.test(text);
  return together || fieldPath || lifetime || structLiteral;
}
