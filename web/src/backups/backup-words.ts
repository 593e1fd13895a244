import type { Backup, NightlyBackup } from './backups-api.ts';

export const triggerLabel: Record<Backup['trigger'], string> = {
  nightly: 'Nightly',
  manual: 'By hand',
};

/** "Every night at 03:00 into /srv/backups, kept 14 days", or that it is off. */
export function nightlyLine(nightly: NightlyBackup): string {
  if (nightly.at === null) return 'Nightly backup is off (CLIENTELE_BACKUP_AT=off)';
  const days = nightly.keepDays === 1 ? '1 day' : `${nightly.keepDays} days`;
  return `Every night at ${nightly.at} into ${nightly.dir}, kept ${days}`;
}

/**
 * A file size people read at a glance: 812 bytes, 4.2 KB, 38 MB, 1.6 GB (1 KB = 1024 bytes,
 * as file managers count). One decimal below 10, whole numbers above.
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  // Rounded first, so 1023.96 KB reads "1.0 MB" rather than "1024 KB".
  while (Math.round(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 9.95 ? value.toFixed(1) : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}

/** How long a backup took: 0.4 s, 12 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 10) return `${tenths.toFixed(1)} s`;
  const whole = Math.round(ms / 1000);
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** The file's name without its folder (the server may be on Windows or Unix). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
