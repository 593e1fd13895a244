import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkReadiness } from '../../services/platform/readiness.ts';
import type { RouteOptions } from './options.ts';

const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    database: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
    migrations: Type.Union([
      Type.Literal('current'),
      Type.Literal('pending'),
      Type.Literal('unknown'),
    ]),
  },
  { additionalProperties: false },
);

/**
 * Probes for a supervisor or load balancer, outside /api/v1 and its sign-in: they say
 * nothing about anyone. /health: the process runs and answers (it touches no database,
 * so a database outage does not get a healthy process restarted). /ready: it can serve
 * now (database reachable, schema current); 503 otherwise, and while it is stopping.
 * Left out of the OpenAPI document, which describes the API.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        hide: true,
        response: {
          200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }),
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    { schema: { hide: true, response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      const { ready, ...checks } = await checkReadiness(deps);
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? ('ready' as const) : ('not_ready' as const), ...checks });
    },
  );
};
