import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeBackup } from '../../src/services/backups/backup.ts';
import { restoreBackup, type RestoreTarget } from '../../src/services/backups/backup-restore.ts';
import { systemActor } from '../../src/services/platform/context.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { countUserTables } from '../../src/store/backups.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { serviceDeps, testMasterKey } from '../support/deps.ts';
import { backupSourceFor, emptyPostgres, urlOf } from './backup-source.ts';

/**
 * What a restore refuses, and that a refusal leaves the target as it found it: a restore
 * is the moment a shop is already in trouble, so a wrong step must not make it worse.
 */

const roots: string[] = [];
function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'clientele-restore-'));
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const options = { force: false, masterKey: testMasterKey, now: () => new Date() };
const otherKey = Buffer.alloc(32, 9);
/** Never connected to: a restore of the wrong kind is refused before it opens anything. */
const unreachablePostgres: RestoreTarget = {
  kind: 'postgres',
  databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
  pgBinDir: null,
};

async function hasTable(handle: DatabaseHandle, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT to_regclass(${name}) IS NOT NULL AS found
  `.execute(handle.db);
  return rows[0]!.found;
}

async function withPglite<T>(dataDir: string, work: (h: DatabaseHandle) => Promise<T>) {
  const handle = await openPglite({ dataDir });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

describe('a file that is no backup', () => {
  it.each([
    ['a file that is not there', (root: string) => join(root, 'missing.pglite.tar.gz')],
    ['a text file', () => '/etc/hostname'],
    // A folder given by mistake (the backup folder itself, say): refused, not a stack trace.
    ['a folder', (root: string) => root],
    [
      'a gzip that holds no tarball',
      (root: string) => {
        const path = join(root, 'fake.pglite.tar.gz');
        writeFileSync(path, gzipSync(Buffer.from('hello, not a database')));
        return path;
      },
    ],
  ])('is refused as not_a_backup: %s', async (_what, fileIn) => {
    const root = freshRoot();
    const file = fileIn(root);
    const dataDir = join(root, 'data');
    const restored = await restoreBackup({ file, target: { kind: 'pglite', dataDir }, options });
    expect(restored).toMatchObject({ ok: false, code: 'not_a_backup' });
    expect(!restored.ok && restored.message).toContain(file);
    expect(existsSync(dataDir)).toBe(false);
    if (file === root) expect(!restored.ok && restored.message).toContain('it is a folder');
  });

  it('is refused as not_a_backup for PostgreSQL too, before connecting', async () => {
    const restored = await restoreBackup({
      file: '/etc/hostname',
      target: unreachablePostgres,
      options,
    });
    expect(restored).toMatchObject({ ok: false, code: 'not_a_backup' });
  });
});

describe.each(testDatabases())('restoring a backup of $name', (database) => {
  let source: DatabaseHandle;
  let backupFile: string;

  beforeAll(async () => {
    source = await database.open();
    // A customer with contact details: what the master key check tries the key on.
    const created = await createCustomer({
      deps: serviceDeps(source),
      actor: systemActor,
      input: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
      },
    });
    if (!created.ok) throw new Error(created.message);
    const root = freshRoot();
    const taken = await takeBackup(await backupSourceFor(source, root), {
      trigger: 'manual',
      now: () => new Date(),
    });
    if (!taken.ok) throw new Error(taken.message);
    backupFile = taken.value.file;
  });
  afterAll(() => source.close());

  it('refuses the other kind of database, touching nothing', async () => {
    const root = freshRoot();
    const dataDir = join(root, 'data');
    const target: RestoreTarget =
      database.name === 'pglite' ? unreachablePostgres : { kind: 'pglite', dataDir };
    const restored = await restoreBackup({ file: backupFile, target, options });
    expect(restored).toMatchObject({ ok: false, code: 'wrong_database_kind' });
    expect(!restored.ok && restored.message).toMatch(
      database.name === 'pglite' ? /DATABASE_URL unset/ : /DATABASE_URL set/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it.runIf(database.name === 'pglite')(
    'refuses a data directory that holds a database, and with --force keeps it aside',
    { timeout: 60_000 },
    async () => {
      const root = freshRoot();
      const dataDir = join(root, 'data');
      const first = await restoreBackup({
        file: backupFile,
        target: { kind: 'pglite', dataDir },
        options,
      });
      expect(first.ok, JSON.stringify(first)).toBe(true);
      // What the shop did after the restore: it must survive a second restore refused.
      await withPglite(dataDir, (h) => sql`CREATE TABLE since_restored (x int)`.execute(h.db));

      const again = await restoreBackup({
        file: backupFile,
        target: { kind: 'pglite', dataDir },
        options,
      });
      expect(again).toMatchObject({ ok: false, code: 'restore_target_not_empty' });
      expect(!again.ok && again.message).toContain('--force');
      expect(await withPglite(dataDir, (h) => hasTable(h, 'since_restored'))).toBe(true);
      expect(readdirSync(dataDir).filter((name) => name.startsWith('restoring-'))).toEqual([]);

      const forced = await restoreBackup({
        file: backupFile,
        target: { kind: 'pglite', dataDir },
        options: { ...options, force: true },
      });
      expect(forced.ok, JSON.stringify(forced)).toBe(true);
      const replaced = forced.ok ? forced.value.replaced : null;
      expect(replaced).toMatch(new RegExp(`^${join(dataDir, 'pgdata')}\\.replaced-`));
      expect(existsSync(replaced!)).toBe(true);
      expect(await withPglite(dataDir, (h) => hasTable(h, 'since_restored'))).toBe(false);
      // The database that was there still opens, with what was done in it.
      const aside = join(root, 'aside');
      mkdirSync(aside);
      renameSync(replaced!, join(aside, 'pgdata'));
      expect(await withPglite(aside, (h) => hasTable(h, 'since_restored'))).toBe(true);
    },
  );

  it.runIf(database.name === 'postgres')(
    'refuses a PostgreSQL database that holds tables, and leaves them',
    async () => {
      const occupied = await database.open();
      try {
        await sql`CREATE TABLE since_restored (x int)`.execute(occupied.db);
        const tables = await countUserTables(occupied.db);
        const restored = await restoreBackup({
          file: backupFile,
          target: { kind: 'postgres', databaseUrl: await urlOf(occupied), pgBinDir: null },
          options,
        });
        expect(restored).toMatchObject({ ok: false, code: 'restore_target_not_empty' });
        expect(await countUserTables(occupied.db)).toBe(tables);
        expect(await hasTable(occupied, 'since_restored')).toBe(true);
      } finally {
        await occupied.close();
      }
    },
  );

  it('refuses a master key that does not open the contact details, restoring nothing', async () => {
    const wrongKey = { ...options, masterKey: otherKey };
    if (database.name === 'pglite') {
      const dataDir = join(freshRoot(), 'data');
      const restored = await restoreBackup({
        file: backupFile,
        target: { kind: 'pglite', dataDir },
        options: wrongKey,
      });
      expect(restored).toMatchObject({ ok: false, code: 'master_key_mismatch' });
      expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
      expect(readdirSync(dataDir).filter((name) => name.startsWith('restoring-'))).toEqual([]);
      return;
    }
    const target = await emptyPostgres();
    try {
      const restored = await restoreBackup({
        file: backupFile,
        target: { kind: 'postgres', databaseUrl: target.url, pgBinDir: null },
        options: wrongKey,
      });
      expect(restored).toMatchObject({ ok: false, code: 'master_key_mismatch' });
      const check = openPostgres(target.url, 1);
      try {
        expect(await countUserTables(check.db)).toBe(0);
      } finally {
        await check.close();
      }
    } finally {
      await target.drop();
    }
  });
});
