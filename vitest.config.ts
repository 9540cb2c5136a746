import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/helpers/quiet-console.ts'],
    globalSetup: ['tests/helpers/postgres-server.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
});
