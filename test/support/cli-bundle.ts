import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '../..');
// One folder below the package root, like src/ and dist/, so src/project-files.ts finds
// package.json and web/dist from inside the bundle too.
const folder = join(root, '.test-build');

/**
 * The CLI as one JavaScript file, made from the sources at the start of every test run,
 * for the tests that run `clientele` in a child process. Through tsx each child spent
 * ~0.7 s of CPU compiling and loading ~300 TypeScript modules; over the suite's hundreds
 * of children that was minutes of CI. Built fresh each run, it can never be stale, unlike
 * dist/. Packages stay outside the bundle, loaded from node_modules as the build does.
 */
export async function bundleCli(): Promise<{ path: string; remove: () => void }> {
  mkdirSync(folder, { recursive: true });
  removeAbandoned();
  const path = join(folder, `clientele-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: path,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** Bundles of runs that were killed before their teardown (other runs' are younger). */
function removeAbandoned(): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}
