import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';

/**
 * What the routes behind links in campaign emails (/u unsubscribe, /r re-confirm) share.
 * They sit outside /api/v1: no sign-in, the signed token in the path is the authority,
 * and a person reads the answers, so they are small HTML pages, not problem+json.
 */
export const LinkTokenParams = Type.Object({
  token: Type.String({ maxLength: 200, 'x-text': 'identifier' }),
});

/** Per address: enough for a person and a mail client, not for guessing tokens. */
export const linkRateLimit = { max: 60, timeWindow: '1 minute' };

/**
 * The pages' forms (and RFC 8058 one-click clients) post urlencoded or multipart bodies;
 * take any as a small string, and only in the plugin that calls this.
 */
export function acceptFormBodiesAsText(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
    done(null, body),
  );
}

export function sendLinkPage(reply: FastifyReply, status: number, html: string) {
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
      .send(html)
  );
}
