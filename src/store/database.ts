import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DataDirectoryLockedError, lockDataDirectory } from './data-dir-lock.ts';
import {
  flushDataDirectory,
  pgliteStorageOptions,
  type PgliteDurability,
} from './pglite-durability.ts';
import {
  createPostgresLog,
  DataDirectoryUnusableError,
  fileSystemReason,
  guardPglite,
  type EmbeddedDatabaseFailedError,
} from './pglite-failure.ts';
import type { Database } from './schema.ts';

export { DataDirectoryLockedError, lockDataDirectory } from './data-dir-lock.ts';
export { DataDirectoryUnusableError, EmbeddedDatabaseFailedError } from './pglite-failure.ts';

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
  /**
   * Called once if the database fails beyond repair while running (a write the disk
   * refused): every later query fails. The server and CLI exit so a supervisor restarts.
   */
  onFailure?: (error: EmbeddedDatabaseFailedError) => void;
}): Promise<DatabaseHandle> {
  const { dataDir } = options;
  const postgresLog = createPostgresLog();
  let release: () => void = () => undefined;
  try {
    if (dataDir) release = lockDataDirectory(dataDir);
    const pgdata = dataDir ? join(dataDir, 'pgdata') : undefined;
    const durability = options.durability ?? 'fsync';
    const pglite = await PGlite.create({
      ...(pgdata ? pgliteStorageOptions(pgdata, durability) : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
      onStderr: postgresLog.onStderr,
    });
    if (pgdata && durability === 'fsync') flushDataDirectory(pgdata);
    guardPglite(pglite, { dataDir: dataDir ?? null, onFailure: options.onFailure ?? (() => {}) });
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
    if (
      !dataDir ||
      error instanceof DataDirectoryLockedError ||
      error instanceof DataDirectoryUnusableError
    ) {
      throw error;
    }
    // A directory that cannot be used is the operator's to fix: say so in one line.
    const reason = fileSystemReason(error) ?? postgresLog.lastSevere();
    throw reason ? new DataDirectoryUnusableError(dataDir, reason) : error;
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
