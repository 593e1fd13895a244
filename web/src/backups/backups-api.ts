import { request } from '../api.ts';

/** One backup as GET and POST /backups answer it (src/http/routes/backups.ts). */
export type Backup = {
  id: string;
  /** ISO 8601. */
  takenAt: string;
  kind: 'pglite' | 'postgres';
  trigger: 'manual' | 'nightly';
  /** The backup file's full path on the server. */
  file: string;
  sizeBytes: number;
  durationMs: number;
};

/** What the nightly backup does: `at` is local server time ("03:00"), null when it is off. */
export type NightlyBackup = { at: string | null; keepDays: number; dir: string };

export type BackupList = {
  backups: Backup[];
  nightly: NightlyBackup;
  /** Where the master key is: never inside a backup, so it must be kept apart. */
  masterKeyNote: string;
};

/** Backups of the whole database, for admins (settings.manage). */
export const backupsApi = {
  /** The latest backups, newest first, and the nightly settings. */
  list: () => request<BackupList>('GET', '/backups'),
  /** A backup now; a failure to write it is a 503 backup_failed saying why. */
  takeNow: () => request<{ backup: Backup; masterKeyNote: string }>('POST', '/backups'),
};
