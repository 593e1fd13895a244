import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../src/store/database.ts';
import { clienteleEntry } from '../support/cli.ts';
import { testMasterKey } from '../support/deps.ts';

/**
 * What a shop's supervisor sees when the embedded database's disk fails: the process
 * exits non-zero with one clear line on stderr, instead of hanging or printing a stack.
 */

const runtime = join(import.meta.dirname, '../../src/runtime.ts');
const config = join(import.meta.dirname, '../../src/config.ts');
const WAL_SEGMENT = 16 * 1024 * 1024;

type Exit = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

/** Runs a child and waits for it to exit; kills it (and reports a hang) after `timeoutMs`. */
function runChild(command: string, args: string[], options: SpawnOptions, timeoutMs: number) {
  return new Promise<Exit & { hung: boolean }>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, hung });
    });
  });
}

/** A data directory holding the migrated database; returns where its WAL is being written. */
async function migratedDataDir(root: string): Promise<{ dataDir: string; walOffset: number }> {
  const dataDir = join(root, 'data');
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const handle = await openPglite({ dataDir, loadDataDir: snapshot });
  try {
    const lsn = await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn()::text AS lsn`.execute(
      handle.db,
    );
    const low = lsn.rows[0]!.lsn.split('/')[1]!;
    return { dataDir, walOffset: Number.parseInt(low, 16) % WAL_SEGMENT };
  } finally {
    await handle.close();
  }
}

function chmodTree(path: string, mode: (isDirectory: boolean) => number): void {
  const isDirectory = statSync(path).isDirectory();
  if (isDirectory) for (const name of readdirSync(path)) chmodTree(join(path, name), mode);
  chmodSync(path, mode(isDirectory));
}

/** Root ignores file modes: a read-only directory is read-only only to another user. */
const asUnprivileged: SpawnOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const env = (dataDir: string) => ({
  ...process.env,
  DATABASE_URL: '',
  CLIENTELE_DATA_DIR: dataDir,
  CLIENTELE_MASTER_KEY: testMasterKey.toString('hex'),
  LOG_LEVEL: 'silent',
});

function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('embedded database disk failures', { timeout: 120_000 }, () => {
  const roots: string[] = [];
  const freshRoot = () => {
    const root = mkdtempSync(join(tmpdir(), 'clientele-disk-'));
    roots.push(root);
    return root;
  };
  afterAll(() => {
    for (const root of roots) {
      chmodTree(root, (isDirectory) => (isDirectory ? 0o700 : 0o600));
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a read-only data directory with one clear line and a non-zero exit', async () => {
    const root = freshRoot();
    const { dataDir } = await migratedDataDir(root);
    chmodTree(root, (isDirectory) => (isDirectory ? 0o555 : 0o444));
    const result = await runChild(
      process.execPath,
      [...clienteleEntry(), 'migrate'],
      { ...asUnprivileged, env: env(dataDir) },
      60_000,
    );
    expect(result.hung).toBe(false);
    expect(result.code).not.toBe(0);
    expectOneClearLine(result.stderr, /^Cannot open the data directory .*: .*denied/i);
  });

  it('exits 1 with one clear line when a write fails while serving, instead of hanging', async () => {
    const root = freshRoot();
    const { dataDir, walOffset } = await migratedDataDir(root);
    // A file size limit (RLIMIT_FSIZE) just past where the WAL is being written: the first
    // WAL write beyond it fails with EFBIG, as a write to a failing disk fails with EIO.
    const limit = walOffset + 1024 * 1024;
    // The interval keeps the child alive as a server's listener would, so a hang shows.
    const script =
      `setInterval(() => {}, 1000);` +
      `const { openRuntime } = await import(${JSON.stringify(runtime)});` +
      `const { loadConfig } = await import(${JSON.stringify(config)});` +
      `const { sql } = await import('kysely');` +
      `const { deps } = await openRuntime(loadConfig());` +
      `await sql\`CREATE TABLE filler (payload text)\`.execute(deps.db);` +
      `for (let i = 0; i < 400; i++) await sql\`INSERT INTO filler SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 8000)\`.execute(deps.db).catch(() => undefined);` +
      `console.error('wrote past the limit without failing');`;
    const result = await runChild(
      'prlimit',
      [
        `--fsize=${limit}`,
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { env: env(dataDir) },
      30_000,
    );
    expect(result.hung, result.stderr).toBe(false);
    expect(result.code, result.stderr).toBe(1);
    expectOneClearLine(result.stderr, /^Clientele must stop: the embedded database in .* failed/);
  });
});
