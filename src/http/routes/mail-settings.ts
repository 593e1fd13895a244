import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getMailSettings, updateMailSettings } from '../../services/shop/mail-settings.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { MailSettingsAnswer, MailSettingsBody } from '../schemas/mail-settings.ts';
import type { RouteOptions } from './options.ts';

/** The campaign mail settings: an admin's, like the rest of Settings. */
export const mailSettingsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps },
) => {
  const tags = ['settings'];
  app.get(
    '/settings/mail',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags,
        summary: 'Public base URL, unsubscribe link lifetime and SMTP server (no password)',
        response: { 200: MailSettingsAnswer },
      },
    },
    async () => ({ mail: await getMailSettings(deps.db) }),
  );

  app.patch(
    '/settings/mail',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags,
        summary: 'Change the mail settings; a left-out SMTP password keeps the stored one',
        body: MailSettingsBody,
        response: { 200: MailSettingsAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateMailSettings({ deps, actor: actorFrom(request), changes: request.body }),
        (mail) => ({ mail }),
      ),
  );
};
