import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../store/database.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { backupSourceFor } from '../../../test/backup/backup-source.ts';
import {
  backupFileName,
  commitBackupFile,
  parseBackupFileName,
  partialPath,
  pruneNightlyBackups,
  sniffBackupKind,
  type BackupKind,
  type BackupTrigger,
} from './backup-files.ts';
import { takeBackup } from './backup.ts';

const day = 86_400_000;
const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-backup-files-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function touch(dir: string, name: string, content: string | Buffer = 'x'): void {
  writeFileSync(join(dir, name), content);
}

describe('backup file names', () => {
  const at = new Date('2026-12-02T03:00:05.123Z');

  it.each([
    ['pglite', 'nightly'],
    ['pglite', 'manual'],
    ['postgres', 'nightly'],
    ['postgres', 'manual'],
  ] as [BackupKind, BackupTrigger][])('reads back a %s %s name', (kind, trigger) => {
    const name = backupFileName({ kind, trigger, at });
    expect(name).toMatch(kind === 'pglite' ? /\.pglite\.tar\.gz$/ : /\.pgdump$/);
    // A file name must not hold a colon: Windows shares and some tools refuse it.
    expect(name).not.toContain(':');
    expect(parseBackupFileName(name)).toEqual({ trigger, takenAt: at });
  });

  it('sorts by the time it was taken', () => {
    const times = ['2026-01-09T23:59:59.999Z', '2026-01-10T00:00:00.000Z', '2026-11-02T03:00:00Z'];
    const names = times.map((t) =>
      backupFileName({ kind: 'pglite', trigger: 'nightly', at: new Date(t) }),
    );
    expect([...names].reverse().sort()).toEqual(names);
  });

  it.each([
    'notes.txt',
    'clientele-weekly-2026-12-02T03-00-00-000Z.pglite.tar.gz',
    'clientele-nightly-2026-12-02T03-00-00-000Z.tar.gz',
    'clientele-nightly-2026-12-02T03-00-00-000Z.pgdump.bak',
    'copy of clientele-nightly-2026-12-02T03-00-00-000Z.pgdump',
    '.clientele-nightly-2026-12-02T03-00-00-000Z.pgdump.partial',
  ])('takes %s for no backup of ours', (name) => {
    expect(parseBackupFileName(name)).toBeNull();
  });
});

describe('pruning nightly backups', () => {
  const now = new Date('2026-12-20T03:00:00.000Z');
  const nightly = (daysAgo: number, kind: BackupKind = 'pglite') =>
    backupFileName({ kind, trigger: 'nightly', at: new Date(now.getTime() - daysAgo * day) });

  it('deletes only nightly backups older than the kept days', () => {
    const dir = freshDir();
    const kept = [nightly(0), nightly(1), nightly(6, 'postgres'), nightly(7)];
    const old = [nightly(7.01), nightly(20, 'postgres'), nightly(100)];
    for (const name of [...kept, ...old]) touch(dir, name);

    const pruned = pruneNightlyBackups({ dir, keepDays: 7, now });

    expect(pruned.sort()).toEqual([...old].sort());
    expect(readdirSync(dir).sort()).toEqual([...kept].sort());
  });

  it('keeps the newest nightly backup however old it is', () => {
    const dir = freshDir();
    // A server that was off for weeks: its last backup is all there is.
    const newest = nightly(40);
    touch(dir, newest);
    touch(dir, nightly(41));
    touch(dir, nightly(90));

    expect(pruneNightlyBackups({ dir, keepDays: 7, now })).toHaveLength(2);
    expect(readdirSync(dir)).toEqual([newest]);
    expect(pruneNightlyBackups({ dir, keepDays: 7, now })).toEqual([]);
    expect(readdirSync(dir)).toEqual([newest]);
  });

  it('never deletes a manual backup, one being written or a file of anyone else', () => {
    const dir = freshDir();
    const others = [
      backupFileName({
        kind: 'pglite',
        trigger: 'manual',
        at: new Date(now.getTime() - 400 * day),
      }),
      backupFileName({
        kind: 'postgres',
        trigger: 'manual',
        at: new Date(now.getTime() - 30 * day),
      }),
      basename(partialPath(join(dir, nightly(0.5)))),
      'clientele-nightly-old.pglite.tar.gz',
      'README.txt',
    ];
    for (const name of others) touch(dir, name);
    touch(dir, nightly(0));
    touch(dir, nightly(30));

    expect(pruneNightlyBackups({ dir, keepDays: 7, now })).toEqual([nightly(30)]);
    expect(readdirSync(dir).sort()).toEqual([...others, nightly(0)].sort());
  });

  it('deletes what a crash left half-written once it is a day old, manual or nightly', () => {
    const dir = freshDir();
    const manual = backupFileName({
      kind: 'postgres',
      trigger: 'manual',
      at: new Date(now.getTime() - 2 * day),
    });
    const abandoned = [partialPath(nightly(1.5)), partialPath(manual)].map((p) => basename(p));
    const writing = basename(partialPath(nightly(0.1)));
    for (const name of [...abandoned, writing]) touch(dir, name);

    expect(pruneNightlyBackups({ dir, keepDays: 7, now }).sort()).toEqual([...abandoned].sort());
    expect(readdirSync(dir)).toEqual([writing]);
  });
});

describe('telling a backup from its first bytes', () => {
  it('knows gzip (PGlite), PGDMP (pg_dump) and nothing else', () => {
    const dir = freshDir();
    touch(dir, 'a.gz', gzipSync(Buffer.from('a tarball')));
    touch(dir, 'b.dump', Buffer.concat([Buffer.from('PGDMP'), Buffer.from([1, 14, 0])]));
    touch(dir, 'c.txt', 'hostname\n');
    touch(dir, 'd.empty', '');
    touch(dir, 'e.short', 'PGD');
    // The name says pglite, the bytes say otherwise: the bytes win.
    const misnamed = backupFileName({ kind: 'pglite', trigger: 'manual', at: new Date() });
    touch(dir, misnamed, 'not gzip');

    expect(sniffBackupKind(join(dir, 'a.gz'))).toBe('pglite');
    expect(sniffBackupKind(join(dir, 'b.dump'))).toBe('postgres');
    expect(sniffBackupKind(join(dir, 'c.txt'))).toBeNull();
    expect(sniffBackupKind(join(dir, 'd.empty'))).toBeNull();
    expect(sniffBackupKind(join(dir, 'e.short'))).toBeNull();
    expect(sniffBackupKind(join(dir, misnamed))).toBeNull();
  });
});

describe('a backup being written', () => {
  it('is under a hidden name in the same folder until it is complete, then private', async () => {
    const dir = freshDir();
    const final = join(dir, backupFileName({ kind: 'pglite', trigger: 'manual', at: new Date() }));
    const partial = partialPath(final);
    expect(dirname(partial)).toBe(dir);
    expect(basename(partial).startsWith('.')).toBe(true);
    expect(parseBackupFileName(basename(partial))).toBeNull();

    writeFileSync(partial, gzipSync(Buffer.from('whole')), { mode: 0o644 });
    expect(existsSync(final)).toBe(false);
    const size = await commitBackupFile(partial, final);
    expect(existsSync(partial)).toBe(false);
    expect(statSync(final).size).toBe(size);
    expect(statSync(final).mode & 0o777).toBe(0o600);
  });
});

/**
 * A dump whose bytes stop after the first chunk until `release` (or fail there): the
 * moment a backup is half-written, held still so the folder can be looked at.
 */
function heldDump(handle: DatabaseHandle, ending: 'finish' | 'fail') {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const dumpDataDir = async () => {
    const bytes = new Uint8Array(await (await handle.dumpDataDir!()).arrayBuffer());
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, 64 * 1024));
        await released;
        if (ending === 'fail') return controller.error(new Error('the disk went away'));
        controller.enqueue(bytes.subarray(64 * 1024));
        controller.close();
      },
    });
    return { stream: () => stream } as unknown as Blob;
  };
  return { database: { ...handle, dumpDataDir }, release };
}

async function waitForEntry(dir: string): Promise<string[]> {
  for (let i = 0; i < 500; i++) {
    const names = existsSync(dir) ? readdirSync(dir) : [];
    if (names.length > 0) return names;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing was written into ${dir}`);
}

describe('a backup of the embedded database while it is written', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
  });
  afterAll(() => handle.close());

  it('shows no file under a backup name until it is whole', async () => {
    const root = freshDir();
    const held = heldDump(handle, 'finish');
    const source = { ...(await backupSourceFor(handle, root)), database: held.database };
    const taking = takeBackup(source, { trigger: 'manual', now: () => new Date() });

    const during = await waitForEntry(source.settings.dir);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\..*\.partial$/);
    expect(parseBackupFileName(during[0]!)).toBeNull();

    held.release();
    const taken = await taking;
    expect(taken.ok, JSON.stringify(taken)).toBe(true);
    const after = readdirSync(source.settings.dir);
    expect(after).toEqual([basename(taken.ok ? taken.value.file : '')]);
    expect(parseBackupFileName(after[0]!)?.trigger).toBe('manual');
    expect(sniffBackupKind(join(source.settings.dir, after[0]!))).toBe('pglite');
  });

  it('leaves nothing behind when the writing fails half-way', async () => {
    const root = freshDir();
    const held = heldDump(handle, 'fail');
    const source = { ...(await backupSourceFor(handle, root)), database: held.database };
    const taking = takeBackup(source, { trigger: 'nightly', now: () => new Date() });
    await waitForEntry(source.settings.dir);
    held.release();

    await expect(taking).rejects.toThrow('the disk went away');
    expect(readdirSync(source.settings.dir)).toEqual([]);
    const rows = await handle.db
      .selectFrom('backups')
      .select('id')
      .where('trigger', '=', 'nightly')
      .execute();
    expect(rows).toEqual([]);
  });
});
