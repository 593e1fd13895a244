import type { Result } from '../../domain/result.ts';
import type { Actor } from '../platform/context.ts';
import { join } from 'node:path';
import {
  deleteBackupRecordsOfFiles,
  releaseBackupLock,
  selectRecentBackups,
  tryBackupLock,
} from '../../store/backups.ts';
import { pruneNightlyBackups } from './backup-files.ts';
import { takeBackup, type BackupSource, type BackupTaken } from './backup.ts';

export type BackupLog = {
  info: (details: object, message: string) => void;
  warn: (details: object, message: string) => void;
};

export type NightlyBackups = {
  /** A backup now (the API's "back up now"), in turn with any nightly one running. */
  takeNow: (actor: Actor) => Promise<Result<BackupTaken>>;
  /** What the nightly job does, and where the master key is, for the API to tell. */
  source: BackupSource;
  /** Takes tonight's backup if it is due and not yet done; what the timer runs. */
  runIfDue: () => Promise<'taken' | 'not_due' | 'busy' | 'failed'>;
  /** Stops the timer and waits for a backup in progress to finish. */
  stop: () => Promise<void>;
};

/** How often the server looks whether the nightly backup is due. */
const checkEveryMs = 5 * 60_000;
/** After a failed nightly backup, the next try waits this long (one log line an hour). */
const retryAfterMs = 60 * 60_000;

/**
 * The most recent moment at or before `now` when the nightly backup was due: today's
 * `hour:minute` in the server's local time, or yesterday's if that is still to come.
 */
export function lastDueTime(now: Date, at: { hour: number; minute: number }): Date {
  const due = new Date(now);
  due.setHours(at.hour, at.minute, 0, 0);
  if (due.getTime() > now.getTime()) due.setDate(due.getDate() - 1);
  return due;
}

/**
 * The nightly backup inside the server, with retention: every few minutes it looks whether
 * a nightly backup was taken since the last due time (so a server that was off at that
 * hour catches up when it is back) and if not takes one, then deletes nightly backups
 * older than the kept days. On a PostgreSQL shared by several processes an advisory lock
 * and a second look under it make one of them take it.
 */
export function scheduleNightlyBackups(
  source: BackupSource,
  options: { log: BackupLog; now?: () => Date },
): NightlyBackups {
  const now = options.now ?? (() => new Date());
  const { log } = options;
  const nightlyAt = source.settings.nightlyAt;
  let stopping = false;
  let failedAt: number | null = null;
  const inProgress = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inProgress.add(work);
    void work.finally(() => inProgress.delete(work)).catch(() => undefined);
    return work;
  };

  const isDue = async (): Promise<boolean> => {
    if (!nightlyAt) return false;
    const [last] = await selectRecentBackups(source.database.db, { limit: 1, trigger: 'nightly' });
    return !last || last.takenAt.getTime() < lastDueTime(now(), nightlyAt).getTime();
  };

  const takeNightly = async (): Promise<'taken' | 'not_due' | 'failed'> => {
    if (!(await isDue())) return 'not_due';
    const taken = await takeBackup(source, { trigger: 'nightly', now });
    if (!taken.ok) {
      failedAt = now().getTime();
      log.warn({ code: taken.code, detail: taken.message }, 'nightly backup failed');
      return 'failed';
    }
    failedAt = null;
    const { dir, keepDays } = source.settings;
    const pruned = pruneNightlyBackups({ dir, keepDays, now: now() });
    await deleteBackupRecordsOfFiles(
      source.database.db,
      pruned.map((name) => join(dir, name)),
    );
    log.info(
      { file: taken.value.file, bytes: taken.value.sizeBytes, ms: taken.value.durationMs, pruned },
      'nightly backup taken',
    );
    return 'taken';
  };

  const runIfDue = async (): Promise<'taken' | 'not_due' | 'busy' | 'failed'> => {
    if (stopping || !nightlyAt) return 'not_due';
    if (failedAt !== null && now().getTime() - failedAt < retryAfterMs) return 'not_due';
    if (source.database.kind === 'pglite') return takeNightly();
    // The lock is held on a connection of its own; the backup uses others meanwhile.
    return source.database.db.connection().execute(async (connection) => {
      if (!(await tryBackupLock(connection))) return 'busy';
      try {
        return await takeNightly();
      } finally {
        await releaseBackupLock(connection).catch(() => undefined);
      }
    });
  };

  const tick = () => {
    if (stopping) return;
    track(runIfDue()).catch((error: unknown) => {
      failedAt = now().getTime();
      log.warn({ err: error }, 'nightly backup failed');
    });
  };
  const timer = setInterval(tick, checkEveryMs);
  timer.unref();

  return {
    takeNow: (actor) => track(takeBackup(source, { trigger: 'manual', now, actor })),
    source,
    runIfDue: () => track(runIfDue()),
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await Promise.allSettled([...inProgress]);
    },
  };
}
