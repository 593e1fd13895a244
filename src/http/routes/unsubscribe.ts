import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { checkUnsubscribeLink, unsubscribeByLink } from '../../services/campaigns/unsubscribe.ts';
import {
  unsubscribePageHtml,
  type UnsubscribePage,
} from '../../services/campaigns/unsubscribe-pages.ts';
import { getMailSettings } from '../../services/shop/mail-settings.ts';
import { getShopSettings } from '../../services/shop/settings.ts';
import {
  acceptFormBodiesAsText,
  LinkTokenParams,
  linkRateLimit,
  sendLinkPage,
} from '../link-pages.ts';
import type { RouteOptions } from './options.ts';

/**
 * The unsubscribe link in campaign emails (RFC 8058), outside /api/v1: no sign-in, the
 * signed token is the authority. GET only shows a confirm page, because mail scanners and
 * link previews open links; POST (the mail client's one-click button, or the page's
 * button) unsubscribes at once. Answers are small HTML pages, not problem+json: a person
 * reads them.
 */
export const unsubscribeRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  // RFC 8058 clients post List-Unsubscribe=One-Click as a form (urlencoded or multipart).
  // Its content does not matter: the POST itself is the act. Only this plugin takes them.
  acceptFormBodiesAsText(app);

  const page = async (reply: FastifyReply, status: number, view: UnsubscribePage) => {
    const { shopName } = await getShopSettings(deps.db);
    return sendLinkPage(reply, status, unsubscribePageHtml(shopName, view));
  };

  app.get(
    '/u/:token',
    { config: { rateLimit: linkRateLimit }, schema: { hide: true, params: LinkTokenParams } },
    async (request, reply) => {
      const { unsubscribeLinkDays } = await getMailSettings(deps.db);
      const claim = checkUnsubscribeLink(deps, request.params.token, {
        maxAgeDays: unsubscribeLinkDays,
      });
      if (!claim.ok) return page(reply, 400, { kind: 'refused', reason: claim.message });
      return page(reply, 200, {
        kind: 'confirm',
        actionPath: `/u/${encodeURIComponent(request.params.token)}`,
      });
    },
  );

  app.post(
    '/u/:token',
    { config: { rateLimit: linkRateLimit }, schema: { hide: true, params: LinkTokenParams } },
    async (request, reply) => {
      const { unsubscribeLinkDays } = await getMailSettings(deps.db);
      const done = await unsubscribeByLink({
        deps,
        token: request.params.token,
        maxAgeDays: unsubscribeLinkDays,
      });
      if (!done.ok) return page(reply, 400, { kind: 'refused', reason: done.message });
      return page(reply, 200, {
        kind: 'done',
        already: done.value.status === 'already_unsubscribed',
      });
    },
  );
};
