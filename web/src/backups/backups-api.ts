import type { Backup, BackupOverview, BackupTaken } from '@contract/backups.ts';
import { request } from '../api.ts';

export type { Backup };
/** What the nightly backup does: `at` is local server time ("03:00"), null when it is off. */
export type NightlyBackup = BackupOverview['nightly'];

/** Backups of the whole database, for admins (settings.manage). */
export const backupsApi = {
  /** The latest backups, newest first, and the nightly settings. */
  list: () => request<BackupOverview>('GET', '/backups'),
  /** A backup now; a failure to write it is a 503 backup_failed saying why. */
  takeNow: () => request<BackupTaken>('POST', '/backups'),
};
