import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports point one way: http/cli -> services -> domain + store. Domain stays pure.
const layerRule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'web/dist/**',
      'node_modules/**',
      'data/**',
      '.bench-data/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: layerRule([
      { group: ['node:*', 'fs', 'crypto', 'path'], message: 'src/domain is pure: no I/O.' },
      {
        group: ['**/store/**', '**/services/**', '**/http/**', '**/cli/**'],
        message: 'src/domain imports only domain.',
      },
      { group: ['kysely', 'pg', '@electric-sql/*', 'fastify'], message: 'src/domain is pure.' },
    ]),
  },
  {
    files: ['src/http/**/*.ts', 'src/cli/**/*.ts'],
    rules: layerRule([
      { group: ['**/store/**'], message: 'http and cli call services, never the store.' },
    ]),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: layerRule([
      {
        group: ['**/services/**', '**/http/**', '**/cli/**'],
        message: 'store must not depend on upper layers.',
      },
    ]),
  },
  {
    files: ['src/services/**/*.ts'],
    // Tests may look at the raw tables to prove what is (not) stored.
    ignores: ['src/**/*.test.ts'],
    rules: layerRule([
      {
        group: ['**/http/**', '**/cli/**', 'fastify', '@fastify/*'],
        message: 'services know nothing of HTTP or the CLI.',
      },
      { group: ['kysely', 'pg'], importNames: ['sql'], message: 'SQL lives in src/store.' },
    ]),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
    },
  },
);
