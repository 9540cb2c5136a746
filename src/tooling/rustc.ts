// Runs the real rustc on a snippet and reports what it said. Shared by the
// knowledge verifier and the checker's labelling script.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

export type CrateType = 'bin' | 'lib';

export interface RustcOutcome {
  compiles: boolean;
  /** Distinct error codes in order of first appearance. */
  codes: string[];
  /** 1-based line of each error's primary span in the file, null when it has none. */
  errorLines: (number | null)[];
  /** The rendered text of the first error, for messages. */
  firstError: string | null;
}

const diagnosticSchema = z.object({
  $message_type: z.string().optional(),
  level: z.string(),
  message: z.string(),
  code: z.object({ code: z.string() }).nullable().optional(),
  spans: z
    .array(z.object({ is_primary: z.boolean(), line_start: z.number(), file_name: z.string() }))
    .default([]),
  rendered: z.string().nullable().optional(),
});

/** The crate type rustc needs: a binary when there is a `fn main`. */
export function crateTypeOf(code: string): CrateType {
  return /\bfn\s+main\s*\(/.test(code) ? 'bin' : 'lib';
}

export async function hasRustc(): Promise<boolean> {
  try {
    await run('rustc', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Type- and borrow-checks `code` with rustc stable, edition 2021, without codegen. */
export async function compileSnippet(
  code: string,
  crateType = crateTypeOf(code),
): Promise<RustcOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'pinbot-rustc-'));
  const file = join(dir, 'snippet.rs');
  try {
    await writeFile(file, code);
    const args = ['--edition', '2021', '--crate-type', crateType, '--emit=metadata'];
    args.push('--error-format=json', '--crate-name', 'snippet', '-o', join(dir, 'out.rmeta'), file);
    let stderr: string;
    let compiles = true;
    try {
      stderr = (await run('rustc', args, { maxBuffer: 16 * 1024 * 1024 })).stderr;
    } catch (error) {
      const failure = error as { stderr?: string; code?: unknown };
      if (typeof failure.stderr !== 'string') throw error;
      stderr = failure.stderr;
      compiles = false;
    }
    return { compiles, ...readDiagnostics(stderr, file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function readDiagnostics(stderr: string, file: string): Omit<RustcOutcome, 'compiles'> {
  const codes: string[] = [];
  const errorLines: (number | null)[] = [];
  let firstError: string | null = null;
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = diagnosticSchema.safeParse(JSON.parse(line));
    if (!parsed.success || parsed.data.level !== 'error') continue;
    const diagnostic = parsed.data;
    if (diagnostic.message.startsWith('aborting due to')) continue;
    const code = diagnostic.code?.code;
    if (code && !codes.includes(code)) codes.push(code);
    const primary = diagnostic.spans.find((span) => span.is_primary && span.file_name === file);
    errorLines.push(primary ? primary.line_start : null);
    firstError ??= diagnostic.rendered ?? diagnostic.message;
  }
  return { codes, errorLines, firstError };
}
