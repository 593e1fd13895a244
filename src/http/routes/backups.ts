import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listBackups, masterKeyNote, type BackupRecord } from '../../services/backups/backup.ts';
import type { NightlyBackups } from '../../services/backups/backup-schedule.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { Nullable } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Backup = Type.Object({
  id: Type.String(),
  takenAt: Type.String({ description: 'when the copy was taken (ISO 8601)' }),
  kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('nightly')]),
  file: Type.String({ description: 'the backup file on the server' }),
  sizeBytes: Type.Integer(),
  durationMs: Type.Integer(),
});

const MasterKeyNote = Type.String({
  description: 'where the master key is: it is never inside a backup, so keep a copy apart',
});

function shape(backup: BackupRecord) {
  return {
    id: backup.id,
    takenAt: backup.takenAt.toISOString(),
    kind: backup.kind,
    trigger: backup.trigger,
    file: backup.file,
    sizeBytes: backup.sizeBytes,
    durationMs: backup.durationMs,
  };
}

/**
 * Backups through the running server: on the embedded database only the server may open
 * the data directory, so `clientele backup --server` and the back office ask it here.
 */
export const backupRoutes: FastifyPluginAsyncTypebox<
  RouteOptions & { backups: NightlyBackups }
> = async (app, { deps, backups }) => {
  const admin = requirePermission('settings.manage');

  app.post(
    '/backups',
    {
      preHandler: admin,
      schema: {
        tags: ['backups'],
        summary: 'Take a backup now, into the server’s backup folder',
        response: { 201: Type.Object({ backup: Backup, masterKeyNote: MasterKeyNote }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await backups.takeNow(actorFrom(request)),
        (taken) => ({ backup: shape(taken), masterKeyNote: taken.masterKeyNote }),
        201,
      ),
  );

  app.get(
    '/backups',
    {
      preHandler: admin,
      schema: {
        tags: ['backups'],
        summary: 'The latest backups, and what the nightly backup does',
        response: {
          200: Type.Object({
            backups: Type.Array(Backup),
            nightly: Type.Object({
              at: Nullable(Type.String({ description: 'local time, such as 03:00; null: off' })),
              keepDays: Type.Integer(),
              dir: Type.String(),
            }),
            masterKeyNote: MasterKeyNote,
          }),
        },
      },
    },
    async () => {
      const { settings, masterKey } = backups.source;
      const at = settings.nightlyAt;
      return {
        backups: (await listBackups(deps, 30)).map(shape),
        nightly: {
          at: at
            ? `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`
            : null,
          keepDays: settings.keepDays,
          dir: settings.dir,
        },
        masterKeyNote: masterKeyNote(masterKey),
      };
    },
  );
};
