import { Type, type Static } from 'typebox';
import { Nullable } from './platform.ts';

/** Backups taken through the running server. */

export const Backup = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ description: 'when the copy was taken (ISO 8601)' }),
  kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('nightly')]),
  file: Type.String({ description: 'the backup file on the server' }),
  sizeBytes: Type.Integer(),
  durationMs: Type.Integer(),
});
export type Backup = Static<typeof Backup>;

export const MasterKeyNote = Type.String({
  description: 'where the master key is: it is never inside a backup, so keep a copy apart',
});
export type MasterKeyNote = Static<typeof MasterKeyNote>;

export const BackupTaken = Type.Object({ backup: Backup, masterKeyNote: MasterKeyNote });
export type BackupTaken = Static<typeof BackupTaken>;

export const BackupOverview = Type.Object({
  backups: Type.Array(Backup),
  nightly: Type.Object({
    at: Nullable(Type.String({ description: 'local time, such as 03:00; null: off' })),
    keepDays: Type.Integer(),
    dir: Type.String(),
  }),
  masterKeyNote: MasterKeyNote,
});
export type BackupOverview = Static<typeof BackupOverview>;
