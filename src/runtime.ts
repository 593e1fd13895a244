import { randomInt } from 'node:crypto';
import type { Config } from './config.ts';
import { createContactVault } from './services/platform/contact-vault.ts';
import type { ServiceDeps } from './services/platform/context.ts';
import { loadMasterKeyFor } from './services/platform/master-key-guard.ts';
import { openPglite, openPostgres, type DatabaseHandle } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';

export type Runtime = { deps: ServiceDeps; database: DatabaseHandle; close: () => Promise<void> };

/**
 * Opens the database the configuration names (PostgreSQL when DATABASE_URL is set,
 * otherwise embedded PGlite in the data directory), runs pending migrations and
 * assembles the service dependencies. Shared by the server and the CLI.
 */
export async function openRuntime(config: Config): Promise<Runtime> {
  const database = config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : await openPglite({ dataDir: config.dataDir, onFailure: stopOnDatabaseFailure });
  try {
    await migrateToLatest(database.db);
    const masterKey = await loadMasterKeyFor(database.db, {
      configured: config.masterKey,
      dataDir: config.dataDir,
    });
    const deps: ServiceDeps = {
      db: database.db,
      vault: createContactVault(masterKey),
      now: () => new Date(),
      randomInt: (min, max) => randomInt(min, max),
      concurrentReads: database.kind === 'postgres' ? 2 : 1,
    };
    return { deps, database, close: database.close };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The embedded database is gone (its disk refused a write): no request can be answered
 * and PGlite would hang the process, so it says why in one line and exits 1 for its
 * supervisor to restart it. The OS releases the data directory's lock with the process.
 */
function stopOnDatabaseFailure(error: Error): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

export { DataDirectoryLockedError, DataDirectoryUnusableError } from './store/database.ts';
export { MasterKeyMismatchError } from './services/platform/master-key-guard.ts';
