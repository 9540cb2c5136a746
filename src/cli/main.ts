#!/usr/bin/env node
// The process entry point of `pinbot`.
import { main } from './cli.js';

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  color: process.stdout.isTTY,
});
process.exitCode = code;

// Once serve has returned there is nothing left to do, but a platform library may
// still hold a socket or a timer (a gateway that never got ready): flush and leave.
if (process.argv[2] === 'serve') {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          stream.write('', () => {
            resolve();
          });
        }),
    ),
  );
  process.exit(code);
}
