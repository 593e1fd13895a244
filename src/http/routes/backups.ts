import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listBackups, masterKeyNote, type BackupRecord } from '../../services/backups/backup.ts';
import type { NightlyBackups } from '../../services/backups/backup-schedule.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { BackupOverview, BackupTaken } from '../schemas/backups.ts';
import type { RouteOptions } from './options.ts';

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
        response: { 201: BackupTaken },
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
        response: { 200: BackupOverview },
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
