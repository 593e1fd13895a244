import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a canary was found: the file (relative to the scanned root) and which canary. */
export type CanaryHit = { file: string; canary: string };

/** Every file under `root` holding any of the canaries, byte for byte; paths start with root's name. */
export function scanFolder(root: string, canaries: readonly string[]): CanaryHit[] {
  const hits: CanaryHit[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) visit(path);
      else if (stat.isFile())
        hits.push(
          ...scanBytes(readFileSync(path), join(basename(root), relative(root, path)), canaries),
        );
    }
  };
  visit(root);
  return hits;
}

export function scanBytes(bytes: Buffer, file: string, canaries: readonly string[]): CanaryHit[] {
  return canaries.filter((canary) => bytes.includes(canary)).map((canary) => ({ file, canary }));
}

/** WAL segments are reported, not failed: they are recycled, not wiped, after a checkpoint. */
export const inWal = (hit: CanaryHit) => /(^|\/)pg_wal\//.test(hit.file);

/** A PGlite backup (a gzipped tar of the data directory), unpacked and scanned file by file. */
export async function scanPgliteBackup(file: string, canaries: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-canary-backup-'));
  try {
    await run('tar', ['-xzf', file, '-C', dir]);
    return scanFolder(dir, canaries);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pg_dump backup (custom format, compressed), turned back into SQL text and scanned. */
export async function scanPgDump(file: string, canaries: readonly string[], pgRestore: string) {
  const { stdout } = await run(pgRestore, ['--file=-', file], { maxBuffer: 512 * 1024 * 1024 });
  return scanBytes(Buffer.from(stdout), file, canaries);
}

/** Letters only, so the canaries pass name validation and stay one searchable word. */
export function canaryWord(prefix: string): string {
  const letters = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((byte) => String.fromCharCode(97 + (byte % 26)))
    .join('');
  return `${prefix}${letters}`;
}
