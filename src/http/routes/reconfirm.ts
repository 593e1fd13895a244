import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { reconfirmByLink, showReconfirmLink } from '../../services/campaigns/reconfirm.ts';
import { reconfirmPageHtml, type ReconfirmPage } from '../../services/campaigns/reconfirm-pages.ts';
import { getShopSettings } from '../../services/shop/settings.ts';
import type { RouteOptions } from './options.ts';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 200, 'x-text': 'identifier' }) });

/**
 * The re-confirm link in re-permission emails, outside /api/v1 like the unsubscribe
 * link: no sign-in, the signed token is the authority. GET shows the current wording and
 * a button, changing nothing (mail scanners and link previews open links); the button's
 * POST records consent given again. Answers are small HTML pages for a person to read.
 */
export const reconfirmRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  // The page's form posts urlencoded; read it as a string here, and only in this plugin.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
    done(null, body),
  );

  const rateLimit = { max: 60, timeWindow: '1 minute' };
  const page = async (reply: FastifyReply, status: number, view: ReconfirmPage, token: string) => {
    const { shopName } = await getShopSettings(deps.db);
    return (
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        // The token is in the URL: no referrer, no caching, no script, forms only to here.
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        )
        .send(reconfirmPageHtml(shopName, view, `/r/${encodeURIComponent(token)}`))
    );
  };

  app.get(
    '/r/:token',
    { config: { rateLimit }, schema: { hide: true, params: TokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const shown = await showReconfirmLink(deps, token);
      if (!shown.ok) return page(reply, 400, { decision: 'refused', reason: shown.message }, token);
      return page(reply, 200, shown.value, token);
    },
  );

  app.post(
    '/r/:token',
    { config: { rateLimit }, schema: { hide: true, params: TokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const done = await reconfirmByLink({ deps, token, wordingId: form.get('wording') });
      if (!done.ok) return page(reply, 400, { decision: 'refused', reason: done.message }, token);
      return page(reply, 200, done.value, token);
    },
  );
};
