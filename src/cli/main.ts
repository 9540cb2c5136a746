#!/usr/bin/env node
// The process entry point of `pinbot`.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  color: process.stdout.isTTY,
});
