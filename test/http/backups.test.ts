import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, roles } from '../../src/domain/permissions.ts';
import { sniffBackupKind } from '../../src/services/backups/backup-files.ts';
import {
  scheduleNightlyBackups,
  type NightlyBackups,
} from '../../src/services/backups/backup-schedule.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { backupSourceFor } from '../backup/backup-source.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const quiet = { info: () => undefined, warn: () => undefined };

describe.each(testDatabases())('backups through the API on $name', (database) => {
  let handle: DatabaseHandle;
  let root: string;
  let dir: string;
  let backups: NightlyBackups;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    handle = await database.open();
    root = mkdtempSync(join(tmpdir(), 'clientele-api-backups-'));
    const source = await backupSourceFor(handle, root, {
      keepDays: 9,
      nightlyAt: { hour: 2, minute: 30 },
    });
    dir = source.settings.dir;
    backups = scheduleNightlyBackups(source, { log: quiet });
    t = await buildTestApp(handle, { backups });
    admin = await t.cookieFor('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await backups.stop();
    await handle.close();
    rmSync(root, { recursive: true, force: true });
  });

  const backupRows = () => handle.db.selectFrom('backups').selectAll().execute();

  it('takes a backup for an admin and says where the master key is', async () => {
    const response = await t.call('POST', '/backups', admin);
    expect(response.statusCode, response.body).toBe(201);
    const { backup, masterKeyNote } = response.json();
    expect(backup).toMatchObject({ kind: handle.kind, trigger: 'manual' });
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect(backup.file.startsWith(`${dir}/`)).toBe(true);
    expect(existsSync(backup.file)).toBe(true);
    expect(sniffBackupKind(backup.file)).toBe(handle.kind);
    expect(masterKeyNote).toContain(join(root, 'data', 'master.key'));
    expect(masterKeyNote).toContain('not in this backup');

    // Who took a copy of every customer's data is on the record.
    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'backup.taken')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_staff_id: t.shop.staff.admin.id,
      subject_id: backup.id,
    });
  });

  it('lists the backups taken, newest first, with what the nightly backup does', async () => {
    const second = (await t.call('POST', '/backups', admin)).json().backup;
    const response = await t.call('GET', '/backups', admin);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.backups.length).toBeGreaterThanOrEqual(2);
    expect(body.backups[0]).toEqual(second);
    expect(body.nightly).toEqual({ at: '02:30', keepDays: 9, dir });
    expect(body.masterKeyNote).toContain('master.key');
  });

  it.each(roles.filter((role) => !can(role, 'settings.manage')))(
    'refuses a %s (403) and takes nothing',
    async (role) => {
      const before = readdirSync(dir).length;
      const cookie = await t.cookieFor(role);
      const taken = await t.call('POST', '/backups', cookie);
      expect(taken.statusCode, taken.body).toBe(403);
      expect(taken.json().code).toBe('forbidden');
      const listed = await t.call('GET', '/backups', cookie);
      expect(listed.statusCode).toBe(403);
      expect(readdirSync(dir)).toHaveLength(before);
    },
  );

  it('refuses without a session (401)', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/backups' });
    expect(response.statusCode).toBe(401);
  });

  it('answers 503 backup_failed naming the folder when it cannot be written', async () => {
    const rows = (await backupRows()).length;
    // The folder's place is taken by a file (a disk mounted wrong, a typo in the setting).
    const moved = `${dir}.moved`;
    renameSync(dir, moved);
    writeFileSync(dir, 'not a folder');
    try {
      const response = await t.call('POST', '/backups', admin);
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({ status: 503, code: 'backup_failed' });
      expect(problem.detail).toContain(dir);
      expect(await backupRows()).toHaveLength(rows);
      // The server keeps serving.
      expect((await t.call('GET', '/backups', admin)).statusCode).toBe(200);
    } finally {
      rmSync(dir);
      renameSync(moved, dir);
    }
  });
});
