import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  collectProcessMetrics,
  metricsContentType,
  renderMetrics,
} from '../../services/platform/metrics.ts';
import { sendProblem } from '../errors.ts';
import { Problem } from '../schemas/platform.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics in Prometheus text format. It carries no personal data (see
 * services/platform/metrics.ts), but it does show how trade goes (sales counts), so where the
 * server can be reached from outside the shop set CLIENTELE_METRICS_TOKEN and give it to
 * the scraper as a bearer token; unset, anyone who reaches the server may read it.
 */
export const metricsRoutes: FastifyPluginAsyncTypebox<{ token: string | null }> = async (
  app,
  { token },
) => {
  collectProcessMetrics();
  const expected = token === null ? null : digest(token);
  app.get(
    '/metrics',
    {
      schema: {
        hide: true,
        response: {
          200: Type.String({ description: 'Prometheus text exposition format' }),
          401: Problem,
        },
      },
    },
    async (request, reply) => {
      if (expected) {
        const header = request.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        // Digests of equal length, compared in constant time: the token's length leaks nothing.
        if (!timingSafeEqual(digest(given), expected)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          return sendProblem(reply, {
            type: 'about:blank',
            title: 'Unauthorized',
            status: 401,
            code: 'unauthenticated',
            detail: 'Send the metrics token (CLIENTELE_METRICS_TOKEN) as a bearer token',
          });
        }
      }
      return reply.type(metricsContentType).send(await renderMetrics());
    },
  );
};
