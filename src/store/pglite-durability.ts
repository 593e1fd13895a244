import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { DataDirectoryUnusableError } from './pglite-failure.ts';

/**
 * Durability of the embedded database.
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and even without it nothing would reach
 * the disk: its Node file system layer (Emscripten's NODEFS) has no `fsync` stream
 * operation and its `fdatasync` is a no-op, so PostgreSQL's flushes of the WAL at commit
 * and of data files at checkpoint end in the WebAssembly runtime (traced with strace:
 * 0 fsync calls for 40 commits either way). A power cut then loses what the OS had not
 * yet written back, acknowledged sales included.
 *
 * `'fsync'` (the default) gives NODEFS an fsync that calls the OS's, turns PostgreSQL's
 * fsync back on and has it flush the WAL with fsync() (its default, fdatasync, cannot be
 * passed through), so a COMMIT returns only once its WAL is on disk, as on a PostgreSQL
 * server. `'off'` keeps PGlite's own behaviour (fast, loses the last seconds on a power
 * cut): for throwaway databases and for measuring the cost.
 */
export type PgliteDurability = 'fsync' | 'off';

type NodeFsStream = { nfd?: number };
type NodeFsInternals = {
  stream_ops: { fsync?: (stream: NodeFsStream) => number };
  /** Turns a Node error with a `code` into the errno PostgreSQL sees (EIO, ENOSPC, ...). */
  tryFSOperation: <T>(operation: () => T) => T;
};

/** NODEFS, plus an fsync that reaches the OS (and reports its errors to PostgreSQL). */
class SyncingNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>) {
    const result = await super.init(...args);
    const preRun = result.emscriptenOpts.preRun ?? [];
    preRun.push((mod) => {
      const nodefs = mod.NODEFS as unknown as NodeFsInternals;
      nodefs.stream_ops.fsync = (stream) => {
        const fd = stream.nfd;
        if (fd !== undefined) nodefs.tryFSOperation(() => fs.fsyncSync(fd));
        return 0;
      };
    });
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
  }
}

/** The PGlite options that store a database in `dataDir` with the given durability. */
export function pgliteStorageOptions(
  dataDir: string,
  durability: PgliteDurability,
): Pick<PGliteOptions, 'dataDir' | 'fs' | 'startParams'> {
  if (durability === 'off') return { dataDir };
  const startParams = [
    ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
    '-c',
    'fsync=on',
    '-c',
    'wal_sync_method=fsync',
  ];
  return { fs: new SyncingNodeFS(dataDir), startParams };
}

/**
 * Flushes everything already in the data directory before the first sale is acknowledged:
 * the files initdb copied in (written without fsync) and whatever a run with fsync off
 * left in the OS's cache. One syncfs(2) through coreutils' `sync -f` (~0.1 s; fsyncing the
 * ~1,000 files one by one takes seconds).
 */
export function flushDataDirectory(dataDir: string): void {
  const run = spawnSync('sync', ['-f', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.error || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.toString().trim();
    throw new DataDirectoryUnusableError(dataDir, `it cannot be flushed to disk: ${why}`);
  }
}
