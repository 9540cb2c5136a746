// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// What may import what (see CONTRIBUTING.md): the core and the command definitions
// know nothing of platforms, storage or logging back ends.
const platformFree = [
  {
    group: ['discord.js', '@discordjs/*', '@slack/*', 'pino', 'pino-*'],
    message: 'core code is platform-free',
  },
  {
    group: ['**/adapters/**', '**/storage/**', '**/app/**', '**/cli/**'],
    message: 'core code must not depend on outer layers',
  },
];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**', 'commands/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...platformFree,
            {
              group: ['**/knowledge/**', '**/analyser/**', 'better-sqlite3'],
              message: 'use the ports in src/core/ports.ts and src/core/store.ts',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/knowledge/**', 'src/analyser/**', 'src/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: platformFree }],
    },
  },
  {
    files: ['src/adapters/discord/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/slack/**', '**/adapters/console/**', '@slack/*'],
              message: 'adapters never import each other',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/slack/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/discord/**', '**/adapters/console/**', 'discord.js'],
              message: 'adapters never import each other',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/console/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/discord/**', '**/adapters/slack/**', 'discord.js', '@slack/*'],
              message: 'adapters never import each other',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
