import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Files the program reads from its own package. This module sits one folder below the
 * package root, so `..` is the root whether it runs as src/project-files.ts (tsx),
 * dist/project-files.js (the build) or inside the tests' one-file bundle of the CLI,
 * which is also written one folder below the root (test/support/cli-bundle.ts).
 */
const packageRoot = new URL('..', import.meta.url);

/** The built web app, which the server serves as static files. */
export const webDistDir = fileURLToPath(new URL('web/dist', packageRoot));

/** The package's version, from its package.json. */
export const packageVersion = (
  JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }
).version;
