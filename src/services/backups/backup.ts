import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createGzip } from 'node:zlib';
import type { BackupSettings, Config } from '../../config.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  checkpoint,
  insertBackupRecord,
  selectRecentBackups,
  selectServerMajorVersion,
  type BackupRecord,
} from '../../store/backups.ts';
import type { Db, DatabaseHandle } from '../../store/database.ts';
import {
  backupFileName,
  commitBackupFile,
  discardPartial,
  ensureBackupDirectory,
  partialPath,
  type BackupTrigger,
} from './backup-files.ts';
import { findPgTool, runPgTool, toolConnection } from './backup-postgres.ts';
import { recordAudit } from '../platform/audit.ts';
import { systemActor, type Actor } from '../platform/context.ts';

export type { BackupRecord } from '../../store/backups.ts';

/** What a backup is taken of, and where it goes. */
export type BackupSource = {
  database: DatabaseHandle;
  /** PostgreSQL only: the connection pg_dump uses. */
  databaseUrl: string | null;
  settings: BackupSettings;
  /** Where the master key lives, to say so: it is never inside a backup. */
  masterKey: MasterKeyPlace;
};

export type MasterKeyPlace = { fromEnvironment: boolean; dataDir: string };

/** What the server and the CLI back up: the configured database, folder and key place. */
export function backupSourceFor(config: Config, database: DatabaseHandle): BackupSource {
  return {
    database,
    databaseUrl: config.databaseUrl,
    settings: config.backup,
    masterKey: { fromEnvironment: config.masterKey !== null, dataDir: config.dataDir },
  };
}

export type BackupTaken = BackupRecord & { masterKeyNote: string };

export type BackupOptions = {
  trigger: BackupTrigger;
  now: () => Date;
  /** Another folder than the configured one (the CLI's --dir). */
  dir?: string;
  /** Who asked, for the audit log; the system for the nightly job. */
  actor?: Actor;
};

/** One backup at a time per database in this process: a second request waits its turn. */
const queues = new WeakMap<DatabaseHandle, Promise<unknown>>();

/**
 * Writes a consistent backup of the whole database into the backup folder (or `dir`) and
 * records it. PGlite: its data directory as a tarball, taken on the one connection so no
 * transaction is half-way (sales wait the second or two it takes). PostgreSQL: pg_dump's
 * custom format, one snapshot while the shop keeps selling.
 */
export async function takeBackup(
  source: BackupSource,
  options: BackupOptions,
): Promise<Result<BackupTaken>> {
  const previous = queues.get(source.database) ?? Promise.resolve();
  const turn = previous.catch(() => undefined).then(() => writeBackup(source, options));
  queues.set(source.database, turn);
  return turn;
}

async function writeBackup(
  source: BackupSource,
  options: BackupOptions,
): Promise<Result<BackupTaken>> {
  const { database } = source;
  const dir = options.dir ?? source.settings.dir;
  const startedAt = options.now();
  const path = join(
    dir,
    backupFileName({ kind: database.kind, trigger: options.trigger, at: startedAt }),
  );
  const partial = partialPath(path);
  try {
    ensureBackupDirectory(dir);
    const written =
      database.kind === 'pglite'
        ? await writePgliteBackup(database, partial)
        : await writePostgresBackup(source, partial);
    if (!written.ok) {
      await discardPartial(partial);
      return written;
    }
    const sizeBytes = await commitBackupFile(partial, path);
    const record = await insertBackupRecord(database.db, {
      takenAt: startedAt,
      kind: database.kind,
      trigger: options.trigger,
      file: path,
      sizeBytes,
      durationMs: Math.max(0, options.now().getTime() - startedAt.getTime()),
    });
    // A backup holds every customer's data: who took one is on the record.
    await recordAudit({
      db: database.db,
      actor: options.actor ?? systemActor,
      entry: {
        action: 'backup.taken',
        subjectType: 'backup',
        subjectId: record.id,
        detail: { trigger: record.trigger, kind: record.kind, sizeBytes: record.sizeBytes },
      },
    });
    return ok({ ...record, masterKeyNote: masterKeyNote(source.masterKey) });
  } catch (error) {
    await discardPartial(partial).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code ? folderProblems[code] : undefined;
    if (why) return fail('backup_failed', `Cannot write the backup into ${dir}: ${why} (${code})`);
    throw error;
  }
}

/** What the file system said, in words an owner can act on. */
const folderProblems: Record<string, string> = {
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOENT: 'a folder on the way cannot be made',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path loops through symbolic links',
  EIO: 'the disk reports an I/O error',
};

async function writePgliteBackup(database: DatabaseHandle, partial: string): Promise<Result<void>> {
  const dump = database.dumpDataDir;
  if (!dump) throw new Error('This PGlite handle cannot dump its data directory');
  // Holding the pool's only connection: no transaction is open while the files are read.
  const tarball = await database.db.connection().execute(async (connection) => {
    await checkpoint(connection);
    return dump();
  });
  await pipeline(
    Readable.fromWeb(tarball.stream() as NodeReadableStream<Uint8Array>),
    createGzip(),
    createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
  );
  return ok(undefined);
}

async function writePostgresBackup(source: BackupSource, partial: string): Promise<Result<void>> {
  if (!source.databaseUrl) throw new Error('A PostgreSQL backup needs the database URL');
  const tool = await findPgTool('pg_dump', {
    serverMajor: await selectServerMajorVersion(source.database.db),
    binDir: source.settings.pgBinDir,
  });
  if (!tool.ok) return tool;
  const connection = toolConnection(source.databaseUrl);
  return runPgTool({
    tool: tool.value,
    args: [
      '--format=custom',
      '--no-password',
      `--file=${partial}`,
      `--dbname=${connection.dbname}`,
    ],
    env: connection.env,
  });
}

/** Said with every backup: the key that opens its contact details is kept elsewhere. */
export function masterKeyNote(place: MasterKeyPlace): string {
  const where = place.fromEnvironment
    ? 'the CLIENTELE_MASTER_KEY setting of this server'
    : `the file ${join(place.dataDir, 'master.key')}`;
  return (
    `The master key is not in this backup: it is ${where}. ` +
    'Keep a copy of it apart from the backups; without it the contact details in a backup cannot be read.'
  );
}

/** The newest backups first. */
export function listBackups(deps: { db: Db }, limit: number): Promise<BackupRecord[]> {
  return selectRecentBackups(deps.db, { limit });
}

/** When the newest backup (by anyone, of any kind) was taken, or null if none ever was. */
export async function lastBackupAt(deps: { db: Db }): Promise<Date | null> {
  const [last] = await selectRecentBackups(deps.db, { limit: 1 });
  return last?.takenAt ?? null;
}
