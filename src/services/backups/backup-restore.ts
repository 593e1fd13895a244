import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../store/database.ts';
import { lockDataDirectory, openPglite, openPostgres } from '../../store/database.ts';
import {
  countUserTables,
  dropPublicSchema,
  selectServerMajorVersion,
} from '../../store/backups.ts';
import { selectTableRowCounts } from '../../store/demo-reset.ts';
import { selectGiftCardLedgerMismatches } from '../../store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../../store/loyalty.ts';
import { selectStoreCreditMismatches } from '../../store/store-credit.ts';
import { sniffBackupKind, syncDirectory, type BackupKind } from './backup-files.ts';
import { findPgTool, runPgTool, toolConnection } from './backup-postgres.ts';
import { selectAnyWrappedDataKey } from '../../store/customer-contacts.ts';
import { masterKeyOpens } from '../platform/master-key-guard.ts';

export type RestoreTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; databaseUrl: string; pgBinDir: string | null };

/** Whether the master key at hand opens the restored contact details. */
export type MasterKeyCheck = 'opens' | 'wrong' | 'missing' | 'no_contacts';

export type Restored = {
  kind: BackupKind;
  rows: Record<string, number>;
  /** Accounts whose balance is not the sum of their entries: none, in a good backup. */
  unbalanced: string[];
  masterKey: MasterKeyCheck;
  /** PGlite with --force: where the database that was there before now is. */
  replaced: string | null;
};

export type RestoreFailure = {
  ok: false;
  code:
    | 'not_a_backup'
    | 'wrong_database_kind'
    | 'restore_target_not_empty'
    | 'master_key_mismatch'
    | 'restore_failed';
  message: string;
};
export type RestoreResult = { ok: true; value: Restored } | RestoreFailure;

const refuse = (code: RestoreFailure['code'], message: string): RestoreFailure => ({
  ok: false,
  code,
  message,
});

/**
 * Restores a backup into an empty target: a data directory without a database (PGlite),
 * or a PostgreSQL database without tables. `force` replaces what is there (PGlite keeps
 * the old database aside). The restored database is checked (rows counted, ledgers
 * balanced, the master key tried on a customer's key) before it takes its place.
 */
export async function restoreBackup({
  file,
  target,
  options,
}: {
  file: string;
  target: RestoreTarget;
  options: { force: boolean; masterKey: Buffer | null; now: () => Date };
}): Promise<RestoreResult> {
  const kind = backupKindOf(file);
  if (typeof kind !== 'string') return kind;
  if (kind !== target.kind) {
    return refuse(
      'wrong_database_kind',
      kind === 'pglite'
        ? 'This is a backup of the embedded database: restore it with DATABASE_URL unset, into a data directory (CLIENTELE_DATA_DIR or --data-dir)'
        : 'This is a PostgreSQL backup: restore it with DATABASE_URL set to a new, empty PostgreSQL database',
    );
  }
  return target.kind === 'pglite'
    ? restorePglite(file, target.dataDir, options)
    : restorePostgres(file, target, options);
}

/**
 * What the file holds, or the refusal: a folder or an unreadable file given by mistake is
 * refused in words like any other file that is no backup, never thrown as a stack trace.
 */
function backupKindOf(file: string): BackupKind | RestoreFailure {
  if (!existsSync(file)) {
    return refuse('not_a_backup', `${file} cannot be restored: there is no such file`);
  }
  try {
    const kind = sniffBackupKind(file);
    return kind ?? refuse('not_a_backup', `${file} is not a Clientele backup`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code ? unreadable[code] : undefined;
    if (!why) throw error;
    return refuse('not_a_backup', `${file} cannot be restored: ${why}`);
  }
}

const unreadable: Record<string, string> = {
  EISDIR: 'it is a folder; give the backup file inside it',
  EACCES: 'this user may not read it',
  EPERM: 'this user may not read it',
  EIO: 'the disk reports an I/O error',
};

async function restorePglite(
  file: string,
  dataDir: string,
  options: { force: boolean; masterKey: Buffer | null; now: () => Date },
): Promise<RestoreResult> {
  const tarball = unpackTarball(file);
  if (!tarball) return refuse('not_a_backup', `${file} is not a Clientele backup`);
  const pgdata = join(dataDir, 'pgdata');
  const occupied = existsSync(pgdata) && readdirSync(pgdata).length > 0;
  if (occupied && !options.force) {
    return refuse(
      'restore_target_not_empty',
      `${dataDir} already holds a database: restore into a new data directory (--data-dir), or add --force to replace it (the one there now is kept beside it)`,
    );
  }
  // Held to the end: no server can start on the directory while its database is swapped.
  const release = lockDataDirectory(dataDir);
  const stamp = options.now().toISOString().replace(/[:.]/g, '-');
  const staging = join(dataDir, `restoring-${stamp}`);
  try {
    const handle = await openPglite({
      dataDir: staging,
      loadDataDir: new Blob([tarball as Uint8Array<ArrayBuffer>]),
    });
    let checked: Omit<Restored, 'replaced'>;
    try {
      checked = await checkRestored(handle.db, 'pglite', options.masterKey);
    } finally {
      await handle.close();
    }
    if (checked.masterKey === 'wrong') return keyMismatch();
    const replaced = occupied ? `${pgdata}.replaced-${stamp}` : null;
    if (replaced) renameSync(pgdata, replaced);
    renameSync(join(staging, 'pgdata'), pgdata);
    syncDirectory(dataDir);
    return { ok: true, value: { ...checked, replaced } };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/** The PGlite tarball inside a backup file, or null when it holds something else. */
function unpackTarball(file: string): Buffer | null {
  try {
    const tarball = gunzipSync(readFileSync(file));
    return tarball.subarray(257, 262).toString('latin1') === 'ustar' ? tarball : null;
  } catch {
    return null;
  }
}

async function restorePostgres(
  file: string,
  target: Extract<RestoreTarget, { kind: 'postgres' }>,
  options: { force: boolean; masterKey: Buffer | null },
): Promise<RestoreResult> {
  const handle = openPostgres(target.databaseUrl, 2);
  try {
    const tables = await countUserTables(handle.db);
    if (tables > 0 && !options.force) {
      return refuse(
        'restore_target_not_empty',
        `The database already holds ${tables} tables: restore into a new, empty database, or add --force to drop everything in it first`,
      );
    }
    const tool = await findPgTool('pg_restore', {
      serverMajor: await selectServerMajorVersion(handle.db),
      binDir: target.pgBinDir,
    });
    if (!tool.ok) return refuse('restore_failed', tool.message);
    if (tables > 0) await dropPublicSchema(handle.db);
    const connection = toolConnection(target.databaseUrl);
    const restored = await runPgTool({
      tool: tool.value,
      args: [
        // All or nothing; objects owned by whoever restores, whatever owned them before.
        ...['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges'],
        `--dbname=${connection.dbname}`,
        '--no-password',
        file,
      ],
      env: connection.env,
    });
    if (!restored.ok) return refuse('restore_failed', restored.message);
    const checked = await checkRestored(handle.db, 'postgres', options.masterKey);
    if (checked.masterKey === 'wrong') {
      // Undone, as PGlite's staging copy is never put in place: unreadable is not restored.
      await dropPublicSchema(handle.db);
      return keyMismatch();
    }
    return { ok: true, value: { ...checked, replaced: null } };
  } finally {
    await handle.close();
  }
}

function keyMismatch(): RestoreFailure {
  return refuse(
    'master_key_mismatch',
    'The master key at hand does not open the contact details in this backup, so nothing was ' +
      'restored. Give the key that was in use when the backup was taken (--master-key-file, ' +
      'or CLIENTELE_MASTER_KEY), then restore again.',
  );
}

async function checkRestored(
  db: Db,
  kind: BackupKind,
  masterKey: Buffer | null,
): Promise<Omit<Restored, 'replaced'>> {
  const rows = await selectTableRowCounts(db);
  const unbalanced = [
    ...(await selectGiftCardLedgerMismatches(db)).map((id) => `gift card ${id}`),
    ...(await selectStoreCreditMismatches(db)).map((id) => `store credit ${id}`),
    ...(await selectLoyaltyMismatches(db)).map((id) => `points of customer ${id}`),
  ];
  return { kind, rows, unbalanced, masterKey: await checkMasterKey(db, masterKey) };
}

async function checkMasterKey(db: Db, masterKey: Buffer | null): Promise<MasterKeyCheck> {
  const wrapped = await selectAnyWrappedDataKey(db);
  if (!wrapped) return 'no_contacts';
  if (!masterKey) return 'missing';
  return masterKeyOpens(masterKey, wrapped) ? 'opens' : 'wrong';
}

/** Puts the key that opens a restored database where the server will look for it. */
export function installMasterKey(dataDir: string, key: Buffer): string {
  const path = join(dataDir, 'master.key');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return path;
}
