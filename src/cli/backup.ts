import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { DataDirectoryLockedError, openRuntime } from '../runtime.ts';
import { backupSourceFor, takeBackup, type BackupTaken } from '../services/backups/backup.ts';
import {
  installMasterKey,
  restoreBackup,
  type Restored,
  type RestoreTarget,
} from '../services/backups/backup-restore.ts';
import { readMasterKeyFile } from '../services/platform/master-key.ts';
import { CliFailure } from './runtime.ts';

/** `clientele backup` and `clientele restore`. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write a backup of the database (the embedded one, or PostgreSQL through pg_dump); the master key is not in it',
    )
    .option('--dir <folder>', 'where to write it (default: CLIENTELE_BACKUP_DIR)')
    .option(
      '--server <url>',
      'ask the running server at this address to take it (needs an admin API key in CLIENTELE_API_KEY)',
    )
    .action(async (options: { dir?: string; server?: string }) => {
      const config = loadConfig();
      const taken = options.server
        ? await backupThroughServer(options.server)
        : await backupHere(config, options.dir ? resolve(options.dir) : undefined);
      console.log(
        `Backup written: ${taken.file} (${megabytes(taken.sizeBytes)}, ${(taken.durationMs / 1000).toFixed(1)} s)`,
      );
      console.log(taken.masterKeyNote);
    });

  program
    .command('restore <file>')
    .description(
      'restore a backup into a new data directory (or, with DATABASE_URL, a new empty PostgreSQL database)',
    )
    .option(
      '--data-dir <folder>',
      'the data directory to restore into (default: CLIENTELE_DATA_DIR)',
    )
    .option('--master-key-file <file>', 'the master key of the backup, copied in beside it')
    .option('--force', 'replace a database that is already there (PGlite keeps it aside)')
    .action(
      async (
        file: string,
        options: { dataDir?: string; masterKeyFile?: string; force?: boolean },
      ) => {
        const config = loadConfig();
        await restoreCommand(config, resolve(file), options);
      },
    );
}

async function backupHere(config: Config, dir: string | undefined): Promise<BackupTaken> {
  let runtime;
  try {
    runtime = await openRuntime(config);
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    throw new CliFailure({
      code: 'data_directory_in_use',
      message:
        `${error.message} A running server keeps the embedded database to itself, so it must take the backup: ` +
        'run `clientele backup --server http://localhost:PORT` with an admin API key in CLIENTELE_API_KEY, ' +
        'or stop the server and run `clientele backup` again. ' +
        (config.backup.nightlyAt
          ? `The server also takes one every night into ${config.backup.dir}.`
          : 'The nightly backup is off (CLIENTELE_BACKUP_AT=off).'),
    });
  }
  try {
    const taken = await takeBackup(backupSourceFor(config, runtime.database), {
      trigger: 'manual',
      now: () => new Date(),
      ...(dir ? { dir } : {}),
      actor: { kind: 'system', label: 'cli', role: 'admin' },
    });
    if (!taken.ok) throw new CliFailure({ code: taken.code, message: taken.message });
    return taken.value;
  } finally {
    await runtime.close();
  }
}

/** POST /api/v1/backups on the running server, as an admin API key. */
async function backupThroughServer(server: string): Promise<BackupTaken> {
  const apiKey = process.env.CLIENTELE_API_KEY?.trim();
  if (!apiKey) {
    throw new CliFailure({
      code: 'api_key_required',
      message:
        'Set CLIENTELE_API_KEY to an API key with the admin role (back office: Staff, API keys)',
      field: 'CLIENTELE_API_KEY',
    });
  }
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/backups', server), {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
    });
  } catch (error) {
    throw new CliFailure({
      code: 'server_unreachable',
      message: `No answer from ${server}: ${(error as Error).cause ?? (error as Error).message}`,
      field: 'server',
    });
  }
  const body = (await response.json().catch(() => ({}))) as {
    backup?: Omit<BackupTaken, 'takenAt' | 'masterKeyNote'> & { takenAt: string };
    masterKeyNote?: string;
    code?: string;
    detail?: string;
  };
  if (!response.ok || !body.backup || !body.masterKeyNote) {
    throw new CliFailure({
      code: body.code ?? `http_${response.status}`,
      message: body.detail ?? `the server answered ${response.status}`,
    });
  }
  return {
    ...body.backup,
    takenAt: new Date(body.backup.takenAt),
    masterKeyNote: body.masterKeyNote,
  };
}

async function restoreCommand(
  config: Config,
  file: string,
  options: { dataDir?: string; masterKeyFile?: string; force?: boolean },
): Promise<void> {
  if (config.databaseUrl && options.dataDir) {
    throw new CliFailure({
      code: 'validation_failed',
      message: '--data-dir is for the embedded database: unset DATABASE_URL to restore into one',
      field: 'data-dir',
    });
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : config.dataDir;
  const target: RestoreTarget = config.databaseUrl
    ? { kind: 'postgres', databaseUrl: config.databaseUrl, pgBinDir: config.backup.pgBinDir }
    : { kind: 'pglite', dataDir };
  const keyPath = join(dataDir, 'master.key');
  const given = options.masterKeyFile ? readKeyOption(options.masterKeyFile) : null;
  const present = readMasterKeyFile(keyPath);
  if (given && present && !given.equals(present)) {
    throw new CliFailure({
      code: 'master_key_mismatch',
      message: `${keyPath} holds another master key: restore into a new data directory (--data-dir)`,
      field: 'master-key-file',
    });
  }
  const masterKey = given ?? config.masterKey ?? present;
  const restored = await restoreBackup({
    file,
    target,
    options: {
      force: options.force ?? false,
      masterKey,
      now: () => new Date(),
    },
  });
  if (!restored.ok) throw new CliFailure({ code: restored.code, message: restored.message });
  if (given && !present && !config.masterKey) installMasterKey(dataDir, given);
  report(restored.value, {
    where: target.kind === 'pglite' ? dataDir : 'the PostgreSQL database',
    keyPlace: config.masterKey ? 'CLIENTELE_MASTER_KEY' : keyPath,
    keyCopied: given !== null && !present && !config.masterKey,
  });
}

function readKeyOption(path: string): Buffer {
  let key: Buffer | null;
  try {
    key = readMasterKeyFile(resolve(path));
  } catch (error) {
    throw new CliFailure({
      code: 'file_unreadable',
      message: `cannot read ${path}: ${(error as Error).message}`,
      field: 'master-key-file',
    });
  }
  if (!key) {
    throw new CliFailure({
      code: 'validation_failed',
      message: `${path} does not hold a master key (32 bytes in base64, as the server writes master.key)`,
      field: 'master-key-file',
    });
  }
  return key;
}

function report(
  restored: Restored,
  context: { where: string; keyPlace: string; keyCopied: boolean },
): void {
  const rows = restored.rows;
  console.log(
    `Restored into ${context.where}: ${rows.customers ?? 0} customers, ${rows.sales ?? 0} sales and returns, ` +
      `${rows.gift_cards ?? 0} gift cards, ${rows.store_credit_accounts ?? 0} store credit accounts, ` +
      `${rows.loyalty_accounts ?? 0} points accounts.`,
  );
  if (restored.replaced) console.log(`The database that was there is kept in ${restored.replaced}`);
  if (restored.unbalanced.length === 0) {
    console.log('Every gift card, store credit and points balance equals the sum of its entries.');
  } else {
    console.error(`These balances do not match their entries: ${restored.unbalanced.join(', ')}`);
    process.exitCode = 1;
  }
  if (context.keyCopied) console.log(`The master key was copied to ${context.keyPlace}.`);
  if (restored.masterKey === 'opens') {
    console.log(`The master key (${context.keyPlace}) opens the restored contact details.`);
  } else if (restored.masterKey === 'missing') {
    console.error(
      `No master key at ${context.keyPlace}. Before starting the server, put there the key that was in use ` +
        'when the backup was taken (or give it with --master-key-file): a server started without it makes ' +
        'a new key, and the restored contact details cannot be read.',
    );
  }
  console.log('Start the server on it: pending migrations run at start.');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
