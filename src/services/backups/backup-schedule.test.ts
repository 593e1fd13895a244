import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../store/database.ts';
import { backupSourceFor, urlOf } from '../../../test/backup/backup-source.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { backupFileName, parseBackupFileName } from './backup-files.ts';
import type { BackupSource } from './backup.ts';
import { lastDueTime, scheduleNightlyBackups, type BackupLog } from './backup-schedule.ts';

describe('when the nightly backup was last due', () => {
  const originalTz = process.env.TZ;
  // India has no summer time and is half an hour off the hour from UTC: a due time
  // worked out in UTC instead of local time cannot pass by luck.
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata';
  });
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });
  const at = { hour: 3, minute: 0 };

  it('is yesterday at the hour, before today’s hour has come (local time)', () => {
    // 02:30 in Kolkata on 2 July.
    expect(lastDueTime(new Date('2026-07-01T21:00:00Z'), at).toISOString()).toBe(
      '2026-06-30T21:30:00.000Z',
    );
  });

  it('is today at the hour, from that hour on', () => {
    // 03:30 in Kolkata on 2 July; and 03:00 exactly.
    expect(lastDueTime(new Date('2026-07-01T22:00:00Z'), at).toISOString()).toBe(
      '2026-07-01T21:30:00.000Z',
    );
    expect(lastDueTime(new Date('2026-07-01T21:30:00Z'), at).toISOString()).toBe(
      '2026-07-01T21:30:00.000Z',
    );
  });

  it('keeps the minute, and crosses a month', () => {
    const now = new Date(2026, 7, 1, 0, 10); // 1 August, 00:10 local
    expect(lastDueTime(now, { hour: 23, minute: 45 })).toEqual(new Date(2026, 6, 31, 23, 45));
  });
});

type Logged = { level: 'info' | 'warn'; details: Record<string, unknown>; message: string };

function recordingLog(): BackupLog & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    info: (details, message) =>
      lines.push({ level: 'info', details: details as Record<string, unknown>, message }),
    warn: (details, message) =>
      lines.push({ level: 'warn', details: details as Record<string, unknown>, message }),
  };
}

const minutes = (n: number) => n * 60_000;

describe.each(testDatabases({ poolSize: 3 }))('the nightly backup on $name', (database) => {
  let handle: DatabaseHandle;
  let root: string;
  let clock: Date;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    handle = await database.open();
    root = mkdtempSync(join(tmpdir(), 'clientele-nightly-'));
    // 10 March 2026, noon, in the server's own time zone.
    clock = new Date(2026, 2, 10, 12, 0);
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await handle.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function schedule(settings: Partial<BackupSource['settings']> = {}) {
    const source = await backupSourceFor(handle, root, { keepDays: 2, ...settings });
    const log = recordingLog();
    const nightly = scheduleNightlyBackups(source, { log, now: () => clock });
    stops.push(nightly.stop);
    return { nightly, log, dir: source.settings.dir };
  }

  const nightlyFiles = (dir: string) =>
    readdirSync(dir)
      .filter((name) => parseBackupFileName(name)?.trigger === 'nightly')
      .sort();
  const nightlyRows = () =>
    handle.db.selectFrom('backups').selectAll().where('trigger', '=', 'nightly').execute();

  it(
    'takes one backup a night, catching up when none was taken, and keeps the kept days',
    { timeout: 60_000 },
    async () => {
      const { nightly, log, dir } = await schedule();
      // None was ever taken: the one due at 03:00 this morning is taken now, at noon.
      expect(await nightly.runIfDue()).toBe('taken');
      expect(nightlyFiles(dir)).toEqual([
        backupFileName({ kind: handle.kind, trigger: 'nightly', at: clock }),
      ]);
      expect(await nightly.runIfDue()).toBe('not_due');
      clock = new Date(2026, 2, 11, 2, 59);
      expect(await nightly.runIfDue()).toBe('not_due');
      expect(nightlyFiles(dir)).toHaveLength(1);
      expect(await nightlyRows()).toHaveLength(1);

      clock = new Date(2026, 2, 11, 3, 0);
      expect(await nightly.runIfDue()).toBe('taken');
      clock = new Date(2026, 2, 12, 3, 5);
      expect(await nightly.runIfDue()).toBe('taken');
      expect(nightlyFiles(dir)).toHaveLength(3);

      // What is not the nightly job's is never pruned, however old.
      const manual = backupFileName({
        kind: handle.kind,
        trigger: 'manual',
        at: new Date(2026, 0, 1),
      });
      writeFileSync(join(dir, manual), 'x');
      writeFileSync(join(dir, 'notes.txt'), 'x');
      const before = nightlyFiles(dir);

      clock = new Date(2026, 2, 13, 4, 0);
      expect(await nightly.runIfDue()).toBe('taken');
      // Kept: two days back from 13 March 04:00, so 12 March's; 10 and 11 March's are gone.
      const pruned = before.slice(0, 2);
      expect(nightlyFiles(dir)).toEqual([
        before[2],
        backupFileName({ kind: handle.kind, trigger: 'nightly', at: clock }),
      ]);
      expect(existsSync(join(dir, manual))).toBe(true);
      expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
      const last = log.lines.at(-1)!;
      expect(last).toMatchObject({ level: 'info', message: 'nightly backup taken' });
      expect([...(last.details.pruned as string[])].sort()).toEqual(pruned);
      // A pruned backup is no longer listed: only the two whose files remain.
      const rows = await nightlyRows();
      expect(rows.map((row) => row.file).sort()).toEqual(
        nightlyFiles(dir)
          .map((name) => join(dir, name))
          .sort(),
      );
    },
  );

  it('answers failed, says why once, and waits an hour before trying again', async () => {
    // The backup folder's place is taken by a file: nothing can be written there.
    const { nightly, log, dir } = await schedule();
    writeFileSync(dir, 'not a folder');

    expect(await nightly.runIfDue()).toBe('failed');
    const warnings = () => log.lines.filter((line) => line.level === 'warn');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({
      message: 'nightly backup failed',
      details: { code: 'backup_failed' },
    });
    expect(String(warnings()[0]!.details.detail)).toContain(dir);
    expect(await nightlyRows()).toEqual([]);

    // The folder is fixed, but the next try waits its hour: one log line an hour at most.
    rmSync(dir);
    clock = new Date(clock.getTime() + minutes(10));
    expect(await nightly.runIfDue()).toBe('not_due');
    clock = new Date(clock.getTime() + minutes(49));
    expect(await nightly.runIfDue()).toBe('not_due');
    expect(warnings()).toHaveLength(1);
    expect(existsSync(dir)).toBe(false);

    clock = new Date(clock.getTime() + minutes(2));
    expect(await nightly.runIfDue()).toBe('taken');
    expect(nightlyFiles(dir)).toHaveLength(1);
  });

  it('stops only once the backup in progress is written', async () => {
    const { nightly, dir } = await schedule();
    const order: string[] = [];
    const running = nightly.runIfDue().then((outcome) => order.push(`backup ${outcome}`));
    await nightly.stop();
    order.push('stopped');
    await running;
    expect(order).toEqual(['backup taken', 'stopped']);
    expect(nightlyFiles(dir)).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    // Stopped: nothing more is started, even when one is due.
    clock = new Date(2026, 2, 11, 3, 0);
    expect(await nightly.runIfDue()).toBe('not_due');
    expect(nightlyFiles(dir)).toHaveLength(1);
  });

  it('takes none when the nightly backup is off', async () => {
    const { nightly, dir } = await schedule({ nightlyAt: null });
    expect(await nightly.runIfDue()).toBe('not_due');
    expect(existsSync(dir)).toBe(false);
    expect(await nightlyRows()).toEqual([]);
  });

  it.runIf(database.name === 'postgres')(
    'leaves it to the process that holds the lock on a shared database',
    async () => {
      const { nightly, dir } = await schedule();
      const other = new pg.Client({ connectionString: await urlOf(handle) });
      await other.connect();
      try {
        await other.query('SELECT pg_advisory_lock(20261202, 11)');
        expect(await nightly.runIfDue()).toBe('busy');
        expect(existsSync(dir)).toBe(false);
        await other.query('SELECT pg_advisory_unlock(20261202, 11)');
        expect(await nightly.runIfDue()).toBe('taken');
      } finally {
        await other.end();
      }
    },
  );
});
