import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDirectory } from './data-dir-lock.ts';
import {
  flushDataDirectory,
  pgliteStorageOptions,
  type PgliteDurability,
} from './pglite-durability.ts';
import type { Database } from './schema.ts';

export { DataDirectoryLockedError, lockDataDirectory } from './data-dir-lock.ts';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests start from a migrated copy). */
  dumpDataDir?: () => Promise<Blob>;
};

// bigint (int8) and numeric come back as strings from pg; we read them as numbers and
// check they are safe integers where money is concerned (see src/store/numbers.ts).
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
  /** How commits reach the disk in `dataDir` (see pglite-durability.ts); fsync by default. */
  durability?: PgliteDurability;
}): Promise<DatabaseHandle> {
  const release = options.dataDir ? lockDataDirectory(options.dataDir) : () => undefined;
  try {
    const pgdata = options.dataDir ? join(options.dataDir, 'pgdata') : undefined;
    const durability = options.durability ?? 'fsync';
    const pglite = await PGlite.create({
      ...(pgdata ? pgliteStorageOptions(pgdata, durability) : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
    if (pgdata && durability === 'fsync') flushDataDirectory(pgdata);
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      dumpDataDir: () => pglite.dumpDataDir('none'),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function openPostgres(connectionString: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection that the server ends (a restart, a failover, a dropped test
  // database) is discarded by the pool and replaced on the next query; without a
  // listener its 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
