#!/usr/bin/env node
// Thin launcher: the TypeScript sources are compiled to dist/ by `npm ci` (prepare).
import '../dist/src/cli/main.js';
