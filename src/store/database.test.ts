import fs, { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { openPglite, type DatabaseHandle } from './database.ts';

describe('PGlite durability', () => {
  const dirs: string[] = [];
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A migrated database in a data directory of its own. */
  async function open(durability?: 'fsync' | 'off'): Promise<DatabaseHandle> {
    const dataDir = mkdtempSync(join(tmpdir(), 'clientele-durability-'));
    dirs.push(dataDir);
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
    return openPglite({ dataDir, loadDataDir: snapshot, ...(durability ? { durability } : {}) });
  }

  /** The files fsync(2) was called on while `work` ran, by path. */
  async function fsyncedDuring(work: () => Promise<unknown>): Promise<string[]> {
    const synced: string[] = [];
    const fsync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(readlinkSync(`/proc/self/fd/${fd}`));
      fsync(fd);
    });
    await work();
    vi.restoreAllMocks();
    return synced;
  }

  it('flushes the WAL to disk before a commit returns', async () => {
    const handle = await open();
    try {
      expect((await sql<{ fsync: string }>`SHOW fsync`.execute(handle.db)).rows).toEqual([
        { fsync: 'on' },
      ]);
      await sql`CREATE TABLE durability_probe (id int)`.execute(handle.db);
      const synced = await fsyncedDuring(() =>
        sql`INSERT INTO durability_probe VALUES (1)`.execute(handle.db),
      );
      expect(synced.filter((path) => path.includes('/pg_wal/')).length).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it('flushes nothing with durability off (the baseline the benchmark compares with)', async () => {
    const handle = await open('off');
    try {
      await sql`CREATE TABLE durability_probe (id int)`.execute(handle.db);
      const synced = await fsyncedDuring(() =>
        sql`INSERT INTO durability_probe VALUES (1)`.execute(handle.db),
      );
      expect(synced).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
