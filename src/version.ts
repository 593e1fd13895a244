import { readFileSync } from 'node:fs';

/** The package's version; the same path from src/version.ts and from the built dist/version.js. */
export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
