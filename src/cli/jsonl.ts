// Reads JSON lines and writes one JSON line per input line, in order. A bad line
// gets an object with `error` on its own line; it never stops the stream.
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { isUserError } from '../core/errors.js';

interface Streams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

export async function forEachJsonLine<S extends z.ZodType>(
  schema: S,
  io: Streams,
  handle: (line: z.infer<S>) => object,
): Promise<void> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let number = 0;
  for await (const raw of lines) {
    number++;
    if (raw.trim().length === 0) continue;
    io.stdout.write(`${JSON.stringify(answerLine(raw, number, schema, handle))}\n`);
  }
}

function answerLine<S extends z.ZodType>(
  raw: string,
  number: number,
  schema: S,
  handle: (line: z.infer<S>) => object,
): object {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { id: null, error: `line ${number}: not valid JSON` };
  }
  const id = typeof json === 'object' && json !== null && 'id' in json ? String(json.id) : null;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      id,
      error: `line ${number}: ${issue?.path.join('.') ?? 'input'} ${issue?.message ?? 'invalid'}`,
    };
  }
  try {
    return handle(parsed.data);
  } catch (error) {
    if (isUserError(error)) return { id, error: error.message };
    throw error;
  }
}
