import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { reconfirmByLink, showReconfirmLink } from '../../services/campaigns/reconfirm.ts';
import { reconfirmPageHtml, type ReconfirmPage } from '../../services/campaigns/reconfirm-pages.ts';
import { getShopSettings } from '../../services/shop/settings.ts';
import {
  acceptFormBodiesAsText,
  LinkTokenParams,
  linkRateLimit,
  sendLinkPage,
} from '../link-pages.ts';
import type { RouteOptions } from './options.ts';

/**
 * The re-confirm link in re-permission emails, outside /api/v1 like the unsubscribe
 * link: no sign-in, the signed token is the authority. GET shows the current wording and
 * a button, changing nothing (mail scanners and link previews open links); the button's
 * POST records consent given again. Answers are small HTML pages for a person to read.
 */
export const reconfirmRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  // The page's form posts urlencoded; read it as a string here, and only in this plugin.
  acceptFormBodiesAsText(app);

  const page = async (reply: FastifyReply, status: number, view: ReconfirmPage, token: string) => {
    const { shopName } = await getShopSettings(deps.db);
    return sendLinkPage(
      reply,
      status,
      reconfirmPageHtml(shopName, view, `/r/${encodeURIComponent(token)}`),
    );
  };

  app.get(
    '/r/:token',
    { config: { rateLimit: linkRateLimit }, schema: { hide: true, params: LinkTokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const shown = await showReconfirmLink(deps, token);
      if (!shown.ok) return page(reply, 400, { decision: 'refused', reason: shown.message }, token);
      return page(reply, 200, shown.value, token);
    },
  );

  app.post(
    '/r/:token',
    { config: { rateLimit: linkRateLimit }, schema: { hide: true, params: LinkTokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const done = await reconfirmByLink({ deps, token, wordingId: form.get('wording') });
      if (!done.ok) return page(reply, 400, { decision: 'refused', reason: done.message }, token);
      return page(reply, 200, done.value, token);
    },
  );
};
