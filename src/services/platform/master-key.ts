import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeNewFileDurably } from '../../store/durable-file.ts';

/**
 * The master key comes from CLIENTELE_MASTER_KEY, or from `master.key` in the data
 * directory, created (mode 0600) on first start. Losing it loses every contact detail,
 * which is why the README tells owners to back it up apart from the database.
 */
export function loadOrCreateMasterKey(options: {
  configured: Buffer | null;
  dataDir: string;
}): Buffer {
  if (options.configured) return options.configured;
  const path = join(options.dataDir, 'master.key');
  if (existsSync(path)) {
    const key = readMasterKeyFile(path);
    if (!key) throw new Error(`${path} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // On disk before the first contact detail is encrypted under it.
  writeNewFileDurably(path, key.toString('base64') + '\n', 0o600);
  return key;
}

/** Reads a master key file (base64, as the server writes it); null when absent or not a key. */
export function readMasterKeyFile(path: string): Buffer | null {
  if (!existsSync(path)) return null;
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  return key.length === 32 ? key : null;
}
