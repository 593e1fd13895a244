import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eraseCustomer } from '../../services/customers/customer-erasure.ts';
import type { ServiceDeps } from '../../services/platform/context.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { CustomerErasure, CustomerErasureBody } from '../schemas/customers-erasure.ts';
import { IdParams } from '../schemas/platform.ts';

/**
 * Erasing one customer (GDPR art. 17): admins only, with a reason, audited as
 * customer.erased. A POST rather than a DELETE: the customer's number, sales and ledgers
 * stay; what goes is the person.
 */
export const customerErasureRoutes: FastifyPluginAsyncTypebox<{ deps: ServiceDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/customers/:id/erase',
    {
      preHandler: requirePermission('customer.erase'),
      schema: {
        tags: ['customers'],
        summary:
          'Erase a customer: contact key and row deleted, name and notes replaced, cards retired, sales and ledgers kept under the id. 409 money_owed (with what is owed) until storeCredit/points say what happens to what they hold; 409 customer_erased or customer_merged',
        params: IdParams,
        body: CustomerErasureBody,
        response: { 200: CustomerErasure },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await eraseCustomer({
          deps,
          actor: actorFrom(request),
          customer: { id: request.params.id },
          input: request.body,
        }),
        (report) => ({ ...report, erasedAt: report.erasedAt.toISOString() }),
      ),
  );
};
