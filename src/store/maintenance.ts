import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Which of `names` are tables of this database (a later migration may not have run). */
export async function selectExistingTables(db: Db, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema()
      AND c.relname = ANY(${[...names]}::text[])`.execute(db);
  const found = new Set(rows.rows.map((row) => row.name));
  return names.filter((name) => found.has(name));
}

/**
 * Rewrites a table and its indexes into new files, leaving out dead row versions: the
 * bytes of an updated or deleted row stay in the pages after plain VACUUM (which only
 * marks the space reusable) but not after this. Takes an exclusive lock on the table for
 * the time it runs. Cannot run inside a transaction: call it on the plain handle.
 */
export async function vacuumFullTable(db: Db, table: string): Promise<void> {
  await sql`VACUUM (FULL, ANALYZE) ${sql.table(table)}`.execute(db);
}

/**
 * Forces a checkpoint: every change is written to the table files, and WAL segments
 * before it may be recycled, so old row images in the WAL go sooner. On PostgreSQL it
 * needs a superuser or the pg_checkpoint role.
 */
export async function checkpoint(db: Db): Promise<void> {
  await sql`CHECKPOINT`.execute(db);
}

/**
 * Runs `work` on one connection whose statements give up on a lock after `ms` (VACUUM
 * FULL waits for an exclusive lock, and every till query would queue behind it), and
 * puts the setting back before the connection returns to the pool.
 */
export async function withSessionLockTimeout<T>(
  db: Db,
  ms: number,
  work: (connection: Db) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT set_config('lock_timeout', ${`${ms}ms`}, false)`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`RESET lock_timeout`.execute(connection);
    }
  });
}

/**
 * Whether this database user may rewrite the system catalogue's statistics table: only
 * its owner (the bootstrap superuser) or a superuser may; anyone else gets a warning and
 * nothing done, so ask first.
 */
export async function mayRewriteStatistics(db: Db): Promise<boolean> {
  const { rows } = await sql<{ may: boolean }>`
    SELECT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
        OR pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE') AS may
    FROM pg_catalog.pg_class c WHERE c.oid = 'pg_catalog.pg_statistic'::regclass`.execute(db);
  return rows[0]?.may === true;
}

/**
 * ANALYZE keeps sample values of columns (names among them) in pg_statistic; after the
 * tables are analysed again, the rows it replaced are dead there too until this rewrite.
 */
export async function vacuumFullStatistics(db: Db): Promise<void> {
  await sql`VACUUM FULL pg_catalog.pg_statistic`.execute(db);
}

/**
 * The embedded database only: drops the WAL segments that hold old row images instead of
 * recycling them. A checkpoint normally renames old segments for reuse and their bytes stay
 * until overwritten; with wal_recycle off it deletes them. In PGlite the checkpoint runs in
 * this very session, so the session setting reaches it; two switches and checkpoints move
 * the redo point past every segment written before. (On a PostgreSQL server the
 * checkpointer is another process with the server's own setting: see the README.)
 */
export async function dropOldWalSegments(db: Db): Promise<void> {
  await sql`SET wal_recycle = off`.execute(db);
  try {
    for (let pass = 0; pass < 2; pass++) {
      await sql`SELECT pg_switch_wal()`.execute(db);
      await sql`CHECKPOINT`.execute(db);
    }
  } finally {
    await sql`RESET wal_recycle`.execute(db);
  }
}
