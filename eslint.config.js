import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports point one way: http/cli -> services -> domain + store. Domain stays pure.
// `@domain/*` and `@contract/*` are the web app's aliases (web/vite.config.ts); Node cannot
// resolve them, so the server imports its domain and schemas by relative path.
const serverNoAlias = {
  group: ['@domain/*', '@contract/*'],
  message:
    'The server imports its own code by relative path; @domain and @contract are the web app’s aliases.',
};
const layerRule = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: [...patterns, serverNoAlias] }],
});

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
  { files: ['src/**/*.ts', 'bench/**/*.ts'], rules: layerRule([]) },
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
      // The browser gets the server's pure rules through @domain (the same functions the
      // server decides with) and the API's shapes as types from @contract (the route
      // schemas, erased from the bundle), never its store, services or HTTP code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '**/src/**'],
              message:
                'The web app imports server code only as @domain/… (src/domain) or, types only, @contract/… (src/http/schemas).',
            },
            {
              group: ['@contract/*'],
              allowTypeImports: true,
              message:
                'The web app takes only types from @contract (import type …): the schemas themselves stay on the server.',
            },
          ],
        },
      ],
      // `import { type X }` keeps an empty `import {} from …` under verbatimModuleSyntax,
      // which would pull the module (and typebox) into the bundle; `import type` is erased.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // A test may hold the till's preview against the server's own service.
    files: ['web/src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
