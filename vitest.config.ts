import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web app's doors into src/domain and src/http/schemas, as in web/vite.config.ts and
  // web/tsconfig.app.json.
  resolve: {
    alias: {
      '@domain': fileURLToPath(new URL('src/domain', import.meta.url)),
      '@contract': fileURLToPath(new URL('src/http/schemas', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
