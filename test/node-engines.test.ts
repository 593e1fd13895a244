import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

// We promise Node 20 (package.json `engines`). A dependency whose own `engines`
// leaves out the oldest Node we promise makes `npm install` print EBADENGINE and
// may break there, so every package npm ci installs is checked against it.

type LockPackage = { version?: string; engines?: { node?: string } | string[] };
type Lock = { packages: Record<string, LockPackage> };

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as Lock;

const promised = manifest.engines.node;
const oldestPromised = semver.minVersion(promised)?.version ?? '';

function nodeRange(pkg: LockPackage): string | undefined {
  return Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
}

describe('Node engines', () => {
  it('promises Node 20 and runs on the Node it promises', () => {
    expect(semver.major(oldestPromised)).toBe(20);
    expect(semver.satisfies(process.versions.node, promised)).toBe(true);
  });

  it('installs no package whose engines exclude the oldest or the running Node', () => {
    const excluding = Object.entries(lock.packages).flatMap(([path, pkg]) => {
      const range = nodeRange(pkg);
      if (path === '' || range === undefined) return [];
      return [oldestPromised, process.versions.node]
        .filter((node) => !semver.satisfies(node, range, { includePrerelease: true }))
        .map((node) => `${path}@${pkg.version ?? '?'} wants node ${range}, not ${node}`);
    });
    expect(excluding).toEqual([]);
  });
});
