import { sql } from 'kysely';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type BackupRecord = {
  id: string;
  takenAt: Date;
  kind: 'pglite' | 'postgres';
  trigger: 'manual' | 'nightly';
  file: string;
  sizeBytes: number;
  durationMs: number;
};

type BackupRow = {
  id: string;
  taken_at: Date;
  kind: 'pglite' | 'postgres';
  trigger: 'manual' | 'nightly';
  file: string;
  size_bytes: number | string;
  duration_ms: number;
};

function toRecord(row: BackupRow): BackupRecord {
  return {
    id: row.id,
    takenAt: new Date(row.taken_at),
    kind: row.kind,
    trigger: row.trigger,
    file: row.file,
    sizeBytes: Number(row.size_bytes),
    durationMs: row.duration_ms,
  };
}

export async function insertBackupRecord(
  db: Db,
  backup: Omit<BackupRecord, 'id'>,
): Promise<BackupRecord> {
  const row = await db
    .insertInto('backups')
    .values({
      id: newId(),
      taken_at: backup.takenAt,
      kind: backup.kind,
      trigger: backup.trigger,
      file: backup.file,
      size_bytes: backup.sizeBytes,
      duration_ms: backup.durationMs,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Forgets backups whose files were deleted (by the nightly pruning), so none is listed. */
export async function deleteBackupRecordsOfFiles(db: Db, files: string[]): Promise<void> {
  if (files.length === 0) return;
  await db.deleteFrom('backups').where('file', 'in', files).execute();
}

/** The newest backups first; with `trigger`, only those the nightly job (or a person) took. */
export async function selectRecentBackups(
  db: Db,
  options: { limit: number; trigger?: 'manual' | 'nightly' },
): Promise<BackupRecord[]> {
  let query = db.selectFrom('backups').selectAll().orderBy('taken_at', 'desc').limit(options.limit);
  if (options.trigger) query = query.where('trigger', '=', options.trigger);
  return (await query.execute()).map(toRecord);
}

/** Any table in the database's own schemas, ours or not: a restore goes only into none. */
export async function countUserTables(db: Db): Promise<number> {
  const rows = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
  `.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/**
 * Makes a database empty for a forced restore: the public schema dropped with all it
 * holds and made again as a new database has it (owned by pg_database_owner).
 */
export async function dropPublicSchema(db: Db): Promise<void> {
  await sql`DROP SCHEMA public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public AUTHORIZATION pg_database_owner`.execute(db);
}

/**
 * Writes what PGlite holds in memory to its files, so the tarball taken next needs no
 * recovery when it is loaded. Run on the one connection the backup holds.
 */
export async function checkpoint(db: Db): Promise<void> {
  await sql`CHECKPOINT`.execute(db);
}

/** The PostgreSQL server's major version (15 for 15.4), which the client tools must match. */
export async function selectServerMajorVersion(db: Db): Promise<number> {
  const rows = await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(
    db,
  );
  return Math.floor(Number(rows.rows[0]?.v ?? 0) / 10_000);
}

/** An advisory lock on one connection: processes sharing a database back up one at a time. */
export async function tryBackupLock(db: Db): Promise<boolean> {
  const rows = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_lock(${backupLock[0]}, ${backupLock[1]}) AS locked
  `.execute(db);
  return rows.rows[0]?.locked === true;
}

export async function releaseBackupLock(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${backupLock[0]}, ${backupLock[1]})`.execute(db);
}

/** The advisory lock's two keys: arbitrary, fixed, used for nothing else. */
const backupLock = [20261202, 11] as const;
