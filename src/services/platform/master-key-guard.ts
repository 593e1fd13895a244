import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../store/database.ts';
import { selectAnyWrappedDataKey } from '../../store/customer-contacts.ts';
import { createContactVault } from './contact-vault.ts';
import { loadOrCreateMasterKey } from './master-key.ts';

/**
 * The master key does not fit the database: starting would make contact details
 * unreadable (a new key) or fail at the first one read. Stopped before anything is written.
 */
export class MasterKeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyMismatchError';
  }
}

/**
 * Loads the master key the way the server always has, but refuses two silent losses: a
 * database with contact details and no key (a restored backup without its key would
 * otherwise get a fresh key, and every restored contact detail would stay sealed), and a
 * key that does not open them (the wrong CLIENTELE_MASTER_KEY, another shop's key file).
 */
export async function loadMasterKeyFor(
  db: Db,
  options: { configured: Buffer | null; dataDir: string },
): Promise<Buffer> {
  const wrapped = await selectAnyWrappedDataKey(db);
  const keyFile = join(options.dataDir, 'master.key');
  if (wrapped && !options.configured && !existsSync(keyFile)) {
    throw new MasterKeyMismatchError(
      `This database holds encrypted contact details but there is no master key: put the key ` +
        `that was in use (a copy of its master.key) at ${keyFile}, or set CLIENTELE_MASTER_KEY. ` +
        'No new key was made, because contact details sealed under the old one could not be read with it.',
    );
  }
  const key = loadOrCreateMasterKey(options);
  if (wrapped && !masterKeyOpens(key, wrapped)) {
    const where = options.configured ? 'CLIENTELE_MASTER_KEY' : keyFile;
    throw new MasterKeyMismatchError(
      `The master key in ${where} does not open the contact details in this database: ` +
        'give the key that was in use when they were written.',
    );
  }
  return key;
}

/** Whether `key` unwraps a customer's data key: the one test of a master key. */
export function masterKeyOpens(key: Buffer, wrapped: Buffer): boolean {
  try {
    createContactVault(key).unwrapDataKey(wrapped);
    return true;
  } catch {
    return false;
  }
}
