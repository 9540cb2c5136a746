import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeEntities,
  extractCode,
  MAX_BLOCKS,
  MAX_DIAGNOSTICS,
  type CodeBlock,
  type Extraction,
  type PastedDiagnostic,
} from '../../src/analyser/extract.js';
import { loadRustParser, type RustParser } from '../../src/analyser/parser.js';

const messages = new URL('../fixtures/messages/', import.meta.url);
const cases = new URL('../fixtures/pincheck/cases/', import.meta.url);

function message(name: string): string {
  return readFileSync(new URL(name, messages), 'utf8');
}

function corpusCase(name: string): string {
  return readFileSync(new URL(name, cases), 'utf8');
}

let parser: RustParser;

beforeAll(async () => {
  parser = await loadRustParser();
});

function extract(text: string): Extraction {
  return extractCode(text, parser);
}

function blocksOf(text: string): CodeBlock[] {
  const result = extract(text);
  if (result.kind === 'prose') throw new Error('expected code, got prose');
  return result.blocks;
}

function diagnosticsOf(text: string): PastedDiagnostic[] {
  const result = extract(text);
  if (result.kind !== 'compiler-error')
    throw new Error(`expected compiler-error, got ${result.kind}`);
  return result.diagnostics;
}

/** The code lines of a block must sit on the lines `startLine` says (entities aside). */
function expectMapsBack(text: string, block: CodeBlock): void {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  block.code.split('\n').forEach((codeLine, k) => {
    const original = lines[block.startLine - 1 + k] ?? '';
    expect(original).toContain(codeLine.trim());
  });
}

describe('extractCode: whole files', () => {
  const files = readdirSync(cases).filter((name) => name.endsWith('.rs'));

  it('reads every case of our labeled corpus as one block starting on line 1', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const name of files) {
      const source = corpusCase(name);
      const blocks = blocksOf(source);
      expect(blocks, name).toHaveLength(1);
      expect(blocks[0]?.startLine, name).toBe(1);
      expect(blocks[0]?.language, name).toBeNull();
      expect(blocks[0]?.code, name).toBe(source.trimEnd());
    }
  });

  it('reads a file with CRLF line endings with the same lines', () => {
    const source = corpusCase('117.rs');
    const blocks = blocksOf(source.replace(/\n/g, '\r\n'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toBe(source.trimEnd());
  });

  it('reads a lone statement as code', () => {
    expect(blocksOf('let x = Pin::new(&mut fut);')).toEqual([
      { code: 'let x = Pin::new(&mut fut);', startLine: 1, language: null },
    ]);
  });
});

describe('extractCode: fenced blocks', () => {
  it('takes the code of a ```rust fence and skips the sentences around it', () => {
    const text = message('chat-rust-fence.md');
    const blocks = blocksOf(text);
    expect(blocks).toEqual([
      { code: corpusCase('116.frag.rs').trimEnd(), startLine: 3, language: 'rust' },
    ]);
  });

  it('returns every block of a message, with the tags rs and Rust read as rust', () => {
    const text = message('chat-two-rust-blocks.md');
    const blocks = blocksOf(text);
    expect(blocks.map((b) => [b.startLine, b.language])).toEqual([
      [3, 'rs'],
      [12, 'rust'],
    ]);
    expect(blocks[1]?.code).toBe(corpusCase('143.frag.rs').trimEnd());
    for (const block of blocks) expectMapsBack(text, block);
  });

  it('skips a toml block when a Rust block is there', () => {
    const blocks = blocksOf(message('chat-toml-and-rs.md'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.language).toBe('rs');
    expect(blocks[0]?.code).toBe(corpusCase('109.rs').trimEnd());
  });

  it('calls a message with only a toml block prose', () => {
    expect(extract(message('chat-toml-only.md'))).toEqual({ kind: 'prose' });
  });

  it('uses a block with the wrong tag when it is Rust and nothing else is there', () => {
    const blocks = blocksOf(message('chat-js-fence-with-rust.md'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.language).toBe('js');
    expect(blocks[0]?.code).toBe(corpusCase('108.rs').trimEnd());
  });

  it('uses an untagged fence that holds Rust', () => {
    const blocks = blocksOf(message('chat-untagged-fence.md'));
    expect(blocks).toEqual([
      { code: corpusCase('147.frag.rs').trimEnd(), startLine: 3, language: '' },
    ]);
  });

  it('calls an untagged fence of plain words prose', () => {
    expect(extract('look:\n```\nit does not work at all\n```')).toEqual({ kind: 'prose' });
  });

  it('reads ~~~ fences', () => {
    const blocks = blocksOf(message('chat-tilde-fence.md'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toBe(corpusCase('134.rs').trimEnd());
  });

  it('reads fences typed with look-alike ticks (‘‘‘ … ’’’ and ´´´)', () => {
    const text = message('chat-look-alike-ticks.txt');
    const blocks = blocksOf(text);
    expect(blocks.map((b) => [b.startLine, b.language])).toEqual([
      [3, 'rust'],
      [14, ''],
    ]);
    expect(blocks[0]?.code).toBe(corpusCase('118.frag.rs').trimEnd());
    expect(blocks[1]?.code).toBe(corpusCase('125.frag.rs').trimEnd());
  });

  it('removes the indentation of fences inside list items', () => {
    const text = message('chat-list-item-fences.md');
    const blocks = blocksOf(text);
    expect(blocks.map((b) => b.startLine)).toEqual([5, 12]);
    expect(blocks[0]?.code).toBe(corpusCase('116.frag.rs').trimEnd());
    expect(blocks[1]?.code.startsWith('let mut relay = Box::pin(')).toBe(true);
  });

  it('removes the quote markers of a fence inside a quote', () => {
    const blocks = blocksOf(message('chat-blockquote-fence.md'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toBe(corpusCase('151.frag.rs').trimEnd());
  });

  it('reads a fence left open at the end of the message to the end', () => {
    const blocks = blocksOf(message('chat-unclosed-fence.md'));
    expect(blocks).toEqual([
      { code: corpusCase('114.frag.rs').trimEnd(), startLine: 3, language: 'rust' },
    ]);
  });

  it('keeps doc comments with their own ``` fences inside the block', () => {
    const blocks = blocksOf(message('chat-rust-fence-with-doc-tests.md'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code.split('\n')).toHaveLength(10);
    expect(blocks[0]?.code).toContain('fut.poll(&mut cx)');
  });

  it('keeps line numbers right with CRLF line endings', () => {
    const text = message('chat-two-rust-blocks.md').replace(/\n/g, '\r\n');
    const blocks = blocksOf(text);
    expect(blocks.map((b) => b.startLine)).toEqual([3, 12]);
    expect(blocks[0]?.code.includes('\r')).toBe(false);
  });

  it('reads a longer fence that holds a shorter one as content', () => {
    const text = '````rust\nlet a = 1;\n```\nlet b = 2;\n````';
    expect(blocksOf(text)).toEqual([
      { code: 'let a = 1;\n```\nlet b = 2;', startLine: 2, language: 'rust' },
    ]);
  });

  it('reads rustdoc attributes after the tag as part of the tag line', () => {
    expect(blocksOf('```rust,ignore\nlet a = Box::pin(fut);\n```')[0]?.language).toBe('rust');
  });

  it('gives up after MAX_BLOCKS blocks', () => {
    const text = '```rust\nfn a() {}\n```\n'.repeat(MAX_BLOCKS + 10);
    expect(blocksOf(text)).toHaveLength(MAX_BLOCKS);
  });
});

describe('extractCode: what Slack and forums do to text', () => {
  it('decodes HTML entities in a Slack fence whose code starts right after the ticks', () => {
    const text = message('slack-escaped-inline-fence.txt');
    const blocks = blocksOf(text);
    expect(blocks).toEqual([{ code: corpusCase('106.rs').trimEnd(), startLine: 2, language: '' }]);
  });

  it('decodes &quot; and &#39; from a forum post', () => {
    const blocks = blocksOf(message('forum-escaped-fence.txt'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toBe(corpusCase('133.rs').trimEnd());
  });

  it('reads ```code``` on one line', () => {
    expect(blocksOf(message('slack-one-line-fence.txt'))).toEqual([
      { code: 'let p = Pin::new(&mut fut);', startLine: 1, language: '' },
    ]);
  });

  it('unwraps a message that is one `code span`, keeping columns', () => {
    const blocks = blocksOf(message('slack-single-backtick-code.txt'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code.trim()).toBe('let p = Pin::new(&mut fut);');
    expect(blocks[0]?.code.indexOf('let')).toBe(1);
  });

  it('leaves code spans inside sentences and <url|text> links alone: prose', () => {
    expect(extract(message('slack-prose-with-link.txt'))).toEqual({ kind: 'prose' });
  });
});

describe('decodeEntities', () => {
  it('decodes the entities in one pass', () => {
    expect(decodeEntities('Pin&lt;&amp;mut T&gt; &amp;lt; &quot;s&quot; &#39;a')).toBe(
      'Pin<&mut T> &lt; "s" \'a',
    );
  });

  it('leaves real code that holds an entity in a string alone', () => {
    const code = 'fn esc(s: &str) -> String { s.replace(\'&\', "&amp;") }';
    expect(decodeEntities(code)).toBe(code);
  });
});

describe('extractCode: code or prose', () => {
  it.each([
    'why does my future need to be pinned?',
    'The borrow checker says no. I do not get it.',
    'let me try that',
    'thanks a lot!',
    'What is Pin?',
  ])('calls %j prose', (text) => {
    expect(extract(text)).toEqual({ kind: 'prose' });
  });

  it('finds bare code between sentences', () => {
    const text = message('bare-code-between-sentences.txt');
    expect(blocksOf(text)).toEqual([
      {
        code: 'let mut pending = compute(5);\nlet first = (&mut pending).await;',
        startLine: 3,
        language: null,
      },
    ]);
  });

  it('trims a sentence glued to the code without a blank line', () => {
    const text = 'Hey folks, why does this fail:\nlet p = Pin::new(&mut fut);\np.await;\nthanks!';
    expect(blocksOf(text)).toEqual([
      { code: 'let p = Pin::new(&mut fut);\np.await;', startLine: 2, language: null },
    ]);
  });
});

describe('extractCode: elided code', () => {
  it('keeps an item whose body is elided with ... and left open at the end', () => {
    const text =
      'pub struct Meter { total: u64 }\n\nimpl Meter {\n    pub fn add(&mut self, n: u64) {\n        self.total += n;\n    }\n\n    ...';
    const blocks = blocksOf(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.code).toContain('self.total += n;');
    expect(blocks[0]?.startLine).toBe(1);
  });

  it('still calls a sentence with an ellipsis prose', () => {
    expect(extract('I tried pinning it... and then it broke.')).toEqual({ kind: 'prose' });
  });
});

describe('extractCode: pasted compiler errors', () => {
  it('reads an E0277 with its location, notes and labels', () => {
    const diagnostics = diagnosticsOf(message('error-e0277-async-fn-pin-new.txt'));
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d?.code).toBe('E0277');
    expect(d?.message).toBe('`{async fn body of fetch_user()}` cannot be unpinned');
    expect(d?.line).toBe(3);
    expect(d?.location).toEqual({ file: 'src/lib.rs', line: 12, column: 27 });
    expect(d?.notes).toContain('consider using the `pin!` macro');
    expect(d?.notes).toContain(
      'consider using `Box::pin` if you need to access the pinned value outside of the current scope',
    );
    expect(d?.notes).toContain('required by a bound in `Pin::<Ptr>::new`');
    expect(d?.labels).toContain('required by a bound introduced by this call');
    expect(d?.source).toContain('let handle = Pin::new(&mut pending);');
  });

  it('reads an error without a code', () => {
    const diagnostics = diagnosticsOf(message('error-lifetime-no-code.txt'));
    expect(diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([
      [null, 'lifetime may not live long enough', 1],
    ]);
    expect(diagnostics[0]?.labels).toContain("lifetime `'a` defined here");
  });

  it('reads several errors from cargo output and leaves the warning out', () => {
    const diagnostics = diagnosticsOf(message('errors-cargo-build-two.txt'));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['E0515', 11],
      ['E0505', 19],
    ]);
  });

  it('reads the error and the code block of one message', () => {
    const text = message('error-e0382-with-rust-fence.md');
    const result = extract(text);
    expect(result.kind).toBe('compiler-error');
    if (result.kind !== 'compiler-error') return;
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['E0382', 16]]);
    expect(result.diagnostics[0]?.notes).toContain(
      'consider reborrowing the `Pin` instead of moving it',
    );
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]?.startLine).toBe(3);
    expect(result.blocks[0]?.code.startsWith('impl Engine {')).toBe(true);
  });

  it('reads an error pasted in a ```text fence as an error, not as code', () => {
    const result = extract(message('error-e0599-in-text-fence.md'));
    expect(result.kind).toBe('compiler-error');
    if (result.kind !== 'compiler-error') return;
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E0599']);
    expect(result.blocks).toEqual([]);
  });

  it('reads an error pasted in an untagged fence, with its two-line note', () => {
    const [d] = diagnosticsOf(message('error-e0308-untagged-fence.md'));
    expect(d?.code).toBe('E0308');
    expect(d?.notes[0]).toMatch(/^expected struct `Pin<Box</);
    expect(d?.notes[1]).toMatch(/^found struct `Box</);
  });

  it('reads an error quoted inside a sentence', () => {
    const diagnostics = diagnosticsOf(message('error-inline-in-sentence.txt'));
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E0733', 'recursion in an async fn requires boxing'],
    ]);
  });

  it('does not take a struct field named `error` for a diagnostic', () => {
    const blocks = blocksOf('```rust\nstruct Job {\n    error: Option<String>,\n}\n```');
    expect(blocks[0]?.code).toContain('error: Option<String>,');
  });

  it('keeps a string or comment that quotes an error inside the code', () => {
    const code = [
      'fn report() {',
      '    eprintln!("error[E0277]: `F` cannot be unpinned");',
      '    // error[E0599]: no method named `poll` found',
      '}',
    ].join('\n');
    expect(blocksOf(code)).toEqual([{ code, startLine: 1, language: null }]);
    expect(blocksOf(`\`\`\`rust\n${code}\n\`\`\``)[0]?.code).toBe(code);
  });

  it('reads an error copied from a terminal with its colour codes', () => {
    const esc = String.fromCharCode(27);
    const text = `${esc}[1m${esc}[31merror[E0733]${esc}[0m: recursion in an async fn requires boxing`;
    expect(diagnosticsOf(text).map((d) => [d.code, d.message])).toEqual([
      ['E0733', 'recursion in an async fn requires boxing'],
    ]);
  });

  it('keeps at most MAX_DIAGNOSTICS diagnostics', () => {
    const text = 'error[E0277]: `F` cannot be unpinned\n'.repeat(MAX_DIAGNOSTICS * 2);
    expect(diagnosticsOf(text)).toHaveLength(MAX_DIAGNOSTICS);
  });
});

describe('extractCode: hostile input', () => {
  const size = 64 * 1024;
  const inputs: Record<string, string> = {
    'nested brackets': '('.repeat(size),
    'nested braces': '{'.repeat(size),
    'one long line': 'x'.repeat(size),
    '10 000 short lines': Array.from({ length: 10_000 }, (_, i) => `a${i % 10}`).join('\n'),
    'unbalanced fences': '```\n'.repeat(size / 4),
    'thousands of fences': '```rust\nlet a = 1;\n```\ntext\n'.repeat(size / 30),
    'a fence opened on every line': '~~~ x\n'.repeat(size / 6),
    'a wall of ticks': '`'.repeat(size),
    'headline after headline': 'error[E0277]: x\n'.repeat(size / 16),
    'a long headline': `error[E0277]: ${'a'.repeat(size - 20)}`,
    'a long location': `--> ${':1'.repeat(size / 2 - 4)}`,
    ampersands: '&'.repeat(size),
    sentences: 'why does my future need to be pinned? '.repeat(size / 40),
    'generic soup': 'a<'.repeat(size / 2),
  };

  it.each(Object.keys(inputs))('answers quickly on %s', (name) => {
    const text = inputs[name] ?? '';
    extract(text); // warm up
    const start = performance.now();
    const result = extract(text);
    const elapsed = performance.now() - start;
    expect(['code', 'compiler-error', 'prose']).toContain(result.kind);
    // The bench holds the real budget (200 ms for the whole check); this catches blow-ups.
    expect(elapsed).toBeLessThan(1000);
  });
});
