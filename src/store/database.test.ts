import fs, { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { postgresOnly } from '../../test/support/databases.ts';
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

const postgres = postgresOnly({ poolSize: 2 });

describe.runIf(postgres)('PostgreSQL connections the server ends', () => {
  let handle: DatabaseHandle;
  let admin: pg.Client;
  beforeAll(async () => {
    handle = await postgres!.open();
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await handle?.close();
  });

  it('survives the connection of an open transaction being terminated, and serves the next query', async () => {
    // What would have ended a server: an 'error' event nobody listens to.
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const outcome = handle.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // The client is checked out, between two queries, when its socket closes: node-postgres
      // emits 'error' on it, which would end the process if nobody listened.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sql`SELECT 1`.execute(trx);
    });
    await expect(outcome).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.off('uncaughtException', onUncaught);
    expect(uncaught).toEqual([]);
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
