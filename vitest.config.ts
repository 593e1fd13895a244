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
    // One worker process runs many files and keeps its modules, above all PGlite's compiled
    // WebAssembly, which a fresh process per file compiled again every time: the suite took
    // 876 s isolated and 449 s not, on the same loaded machine. Tests restore what they
    // change (mocks, timers, TZ) and each opens its own database, so files stay independent.
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
