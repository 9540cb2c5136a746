// In-memory streams for driving the CLI and the console in tests.
import { PassThrough, Readable } from 'node:stream';
import type { Io } from '../../src/cli/cli.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(input = ''): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    stdin: Readable.from([input]),
    stdout,
    stderr,
    color: false,
    out: () => out,
    err: () => err,
  };
}
