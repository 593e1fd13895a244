import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { safeIntegerFromDatabase } from './numbers.ts';
import { prepareMarkedStatements } from './prepared-statements.ts';
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

export type PoolUse = { total: number; idle: number; waiting: number };

function poolUse(pool: pg.Pool): PoolUse {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

export type DatabaseHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests start from a migrated copy). */
  dumpDataDir?: () => Promise<Blob>;
  /** Connections in the pool and queries waiting for one (PGlite: its one), for /metrics. */
  poolUse: () => PoolUse;
};

// bigint (int8) and numeric (sum of bigint) come back as text from pg, for both
// databases (PGlite is reached through pg too): read as numbers, checked as safe
// integers, in this one place (src/store/numbers.ts). No column is numeric; a query
// that wants a fraction (an average) casts it to double precision.
pg.types.setTypeParser(pg.types.builtins.INT8, safeIntegerFromDatabase);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, safeIntegerFromDatabase);

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
    const guard = guardPglite(pglite, {
      dataDir: dataDir ?? null,
      onFailure: options.onFailure ?? (() => undefined),
    });
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    pool.on('connect', prepareMarkedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      dumpDataDir: () => pglite.dumpDataDir('none'),
      poolUse: () => poolUse(pool),
      close: async () => {
        await db.destroy();
        // A failed instance never answers again, not even to close: leave it to the exit.
        if (!guard.failed()) await pglite.close();
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
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // With the server down or unreachable, a request fails (503) instead of waiting forever
    // for a connection; a connection whose peer vanished is noticed by TCP keepalive.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // A connection the server ends (pg_terminate_backend, a restart, a failover) emits
  // 'error' on its client: while idle, the pool's own listener discards it and emits it
  // here; while checked out (between two queries of a transaction) nobody would listen
  // and the process would crash. The query using it fails on its own (the HTTP layer
  // answers 503), and the pool drops the broken client when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    prepareMarkedStatements(client);
    client.on('error', () => undefined);
    // The server says FATAL just before it closes the socket: end the client at once, so
    // the pool drops it on release instead of lending it, dead, to the next request.
    client.connection.on('errorMessage', (message: { severity?: string }) => {
      if (message.severity === 'FATAL' || message.severity === 'PANIC') {
        client.end().catch(() => undefined);
      }
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy(), poolUse: () => poolUse(pool) };
}
