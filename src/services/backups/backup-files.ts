import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
} from 'node:fs';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export type BackupKind = 'pglite' | 'postgres';
export type BackupTrigger = 'manual' | 'nightly';

const extensions: Record<BackupKind, string> = {
  // PGlite's own tarball of its data directory (what `loadDataDir` reads), gzipped.
  pglite: '.pglite.tar.gz',
  // pg_dump's custom format (what pg_restore reads).
  postgres: '.pgdump',
};

const namePattern =
  /^clientele-(manual|nightly)-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.(pglite\.tar\.gz|pgdump)$/;

/** `clientele-nightly-2026-12-02T03-00-00-000Z.pglite.tar.gz`: sorts by time, says what it is. */
export function backupFileName({
  kind,
  trigger,
  at,
}: {
  kind: BackupKind;
  trigger: BackupTrigger;
  at: Date;
}): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `clientele-${trigger}-${stamp}${extensions[kind]}`;
}

/** When a file of ours was taken and by what, or null for any other file. */
export function parseBackupFileName(
  name: string,
): { trigger: BackupTrigger; takenAt: Date } | null {
  const match = namePattern.exec(name);
  if (!match) return null;
  const [, trigger, year, month, day, hour, minute, second, ms] = match;
  return {
    trigger: trigger as BackupTrigger,
    takenAt: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`),
  };
}

/** Backups hold personal data: the folder is the owner's alone (mode 0700). */
export function ensureBackupDirectory(dir: string): void {
  // One level at a time rather than `recursive: true`, which Node retries forever where a
  // folder cannot be made (under /proc it spins at full CPU instead of failing).
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.unshift(at);
  for (const folder of missing) mkdirSync(folder, { mode: 0o700 });
}

/**
 * Where a backup is written before it is complete: a hidden name in the same folder,
 * renamed over only when whole, so a crash never leaves a file that looks like a backup.
 */
export function partialPath(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.partial`);
}

/** Makes a written backup permanent: on disk (fsync), private, then under its real name. */
export async function commitBackupFile(partial: string, finalPath: string): Promise<number> {
  await chmod(partial, 0o600);
  const handle = await open(partial, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, finalPath);
  syncDirectory(dirname(finalPath));
  return (await stat(finalPath)).size;
}

export async function discardPartial(partial: string): Promise<void> {
  await rm(partial, { force: true });
}

/** A rename is durable only once its folder is flushed too. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Deletes nightly backups older than `keepDays`, never the newest one (a server that was
 * off for weeks keeps its last backup) and never a file the nightly job did not write;
 * and partial files of any backup abandoned more than a day ago.
 */
export function pruneNightlyBackups({
  dir,
  keepDays,
  now,
}: {
  dir: string;
  keepDays: number;
  now: Date;
}): string[] {
  const names = readdirSync(dir);
  const nightly = names
    .map((name) => ({ name, parsed: parseBackupFileName(name) }))
    .filter((file) => file.parsed?.trigger === 'nightly')
    .sort((a, b) => b.parsed!.takenAt.getTime() - a.parsed!.takenAt.getTime());
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const old = nightly.slice(1).filter((file) => file.parsed!.takenAt.getTime() < cutoff);
  // What a crash or a full disk left half-written, a day on: no backup runs that long.
  const abandoned = names.filter((name) => {
    const whole = /^\.(.+)\.partial$/.exec(name)?.[1];
    const parsed = whole ? parseBackupFileName(whole) : null;
    return parsed !== null && parsed.takenAt.getTime() < now.getTime() - 86_400_000;
  });
  const deleted = [...old.map((file) => file.name), ...abandoned];
  for (const name of deleted) rmSync(join(dir, name), { force: true });
  return deleted;
}

/** What a backup file holds, told from its first bytes rather than its name. */
export function sniffBackupKind(path: string): BackupKind | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(5);
    const read = readSync(fd, head, 0, 5, 0);
    if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    if (read === 5 && head.toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    closeSync(fd);
  }
}
