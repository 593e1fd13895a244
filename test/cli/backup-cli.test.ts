import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runClientele } from '../support/cli.ts';
import { sniffBackupKind } from '../../src/services/backups/backup-files.ts';
import { systemActor } from '../../src/services/platform/context.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { lockDataDirectory, openPglite } from '../../src/store/database.ts';
import { serviceDeps, testMasterKey } from '../support/deps.ts';

/** Runs the real CLI in a child process against its own embedded database. */
const clientele = (args: string[], env: Record<string, string>) =>
  runClientele(
    args,
    {
      DATABASE_URL: '',
      CLIENTELE_MASTER_KEY: '',
      CLIENTELE_BACKUP_DIR: '',
      CLIENTELE_BACKUP_AT: '',
      CLIENTELE_BACKUP_KEEP_DAYS: '',
      CLIENTELE_PG_BIN: '',
      ...env,
    },
    60_000,
  );

function oneLine(text: string): string {
  const lines = text.trim().split('\n');
  expect(lines, text).toHaveLength(1);
  return lines[0]!;
}

describe('clientele backup and restore', { timeout: 60_000 }, () => {
  let root: string;
  let dataDir: string;
  let backupDir: string;
  let env: Record<string, string>;
  let backupFile: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clientele-backup-cli-'));
    dataDir = join(root, 'data');
    backupDir = join(root, 'backups');
    env = { CLIENTELE_DATA_DIR: dataDir, CLIENTELE_BACKUP_DIR: backupDir };
    // A migrated database from the test snapshot (no demo shop: fast), with one customer
    // whose contact details are sealed under the key in the data directory's master.key.
    const handle = await openPglite({
      dataDir,
      loadDataDir: new Blob([readFileSync(inject('pgliteSnapshot'))]),
    });
    try {
      const created = await createCustomer({
        deps: serviceDeps(handle),
        actor: systemActor,
        input: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
        },
      });
      if (!created.ok) throw new Error(created.message);
    } finally {
      await handle.close();
    }
    writeFileSync(join(dataDir, 'master.key'), testMasterKey.toString('base64') + '\n', {
      mode: 0o600,
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a backup into CLIENTELE_BACKUP_DIR and says where the master key is', async () => {
    const result = await clientele(['backup'], env);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(backupDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^clientele-manual-.*\.pglite\.tar\.gz$/);
    backupFile = join(backupDir, files[0]!);
    expect(sniffBackupKind(backupFile)).toBe('pglite');
    expect(result.stdout).toContain(`Backup written: ${backupFile}`);
    expect(result.stdout).toContain(
      `The master key is not in this backup: it is the file ${join(dataDir, 'master.key')}`,
    );
  });

  it('restores it into a new data directory, checked and with its key', async () => {
    expect(backupFile).toBeDefined();
    const restoredDir = join(root, 'restored');
    const result = await clientele(
      [
        'restore',
        backupFile,
        '--data-dir',
        restoredDir,
        '--master-key-file',
        join(dataDir, 'master.key'),
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Restored into ${restoredDir}: 1 customers, 0 sales`);
    expect(result.stdout).toContain(
      'Every gift card, store credit and points balance equals the sum of its entries.',
    );
    expect(result.stdout).toContain(
      `The master key was copied to ${join(restoredDir, 'master.key')}`,
    );
    expect(result.stdout).toContain('opens the restored contact details');
    expect(readFileSync(join(restoredDir, 'master.key'), 'utf8').trim()).toBe(
      testMasterKey.toString('base64'),
    );
    expect(existsSync(join(restoredDir, 'pgdata', 'PG_VERSION'))).toBe(true);
  });

  it('refuses a file that is no backup in one line, exit non-zero', async () => {
    const result = await clientele(
      ['restore', '/etc/hostname', '--data-dir', join(root, 'never')],
      env,
    );
    expect(result.code).not.toBe(0);
    expect(oneLine(result.stderr)).toBe(
      'error not_a_backup: /etc/hostname is not a Clientele backup',
    );
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('points at --server when a running server holds the data directory', async () => {
    // This test process plays the running server: it holds the data directory's lock.
    const release = lockDataDirectory(dataDir);
    try {
      const result = await clientele(['backup'], { ...env, CLIENTELE_BACKUP_AT: 'off' });
      expect(result.code).not.toBe(0);
      const line = oneLine(result.stderr);
      expect(line).toMatch(/^error data_directory_in_use: /);
      expect(line).toContain(`pid ${process.pid}`);
      expect(line).toContain('clientele backup --server http://localhost:PORT');
      expect(line).toContain('CLIENTELE_BACKUP_AT=off');
      expect(readdirSync(backupDir)).toHaveLength(1);
    } finally {
      release();
    }
  });

  it('refuses bad backup settings by name before opening anything', async () => {
    const result = await clientele(['backup'], {
      ...env,
      CLIENTELE_BACKUP_KEEP_DAYS: '0',
      CLIENTELE_BACKUP_AT: '25:00',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CLIENTELE_BACKUP_KEEP_DAYS must be a whole number');
    expect(result.stderr).toContain('CLIENTELE_BACKUP_AT must be a time of day');
    expect(readdirSync(backupDir)).toHaveLength(1);
  });
});
