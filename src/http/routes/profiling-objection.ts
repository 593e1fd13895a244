import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { setProfilingObjection } from '../../services/customers/profiling-objection.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { CustomerAnswer } from '../schemas/customers.ts';
import { IdParams } from '../schemas/platform.ts';
import { ProfilingObjectionBody } from '../schemas/profiling-objection.ts';
import type { RouteOptions } from './options.ts';

export const profilingObjectionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps },
) => {
  app.put(
    '/customers/:id/profiling-objection',
    {
      // Whoever may edit the customer, a cashier included: the customer may object at the till.
      preHandler: requirePermission('customer.update'),
      schema: {
        tags: ['customers'],
        summary:
          'Record or clear an objection to profiling (GDPR art. 21): while set, the customer is in no rule-based group, score, segment or campaign',
        params: IdParams,
        body: ProfilingObjectionBody,
        response: { 200: CustomerAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await setProfilingObjection({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          objects: request.body.objects,
          reason: request.body.reason,
        }),
        (customer) => ({ customer }),
      ),
  );
};
