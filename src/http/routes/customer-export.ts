import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportCustomer } from '../../services/customers/customer-export.ts';
import type { ServiceDeps } from '../../services/platform/context.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { CustomerExport, CustomerExportBody } from '../schemas/customers-export.ts';
import { IdParams } from '../schemas/platform.ts';

/**
 * One customer's data export (GDPR arts. 15 and 20). It holds their contact details in
 * clear, so it takes the same permission as a reveal (supervisors and admins), a reason,
 * and is never cached. A POST: the reason is a body, not a URL kept in logs and history.
 */
export const customerExportRoutes: FastifyPluginAsyncTypebox<{ deps: ServiceDeps }> = async (
  app,
  { deps },
) => {
  app.post(
    '/customers/:id/export',
    {
      preHandler: requirePermission('customer.reveal'),
      config: { contactDetails: true },
      schema: {
        tags: ['customers'],
        summary:
          'Export everything held about one customer as one JSON document (GDPR arts. 15 and 20), with a reason; audited as customer.exported. 409 customer_erased or customer_merged when there is no one left to export',
        params: IdParams,
        body: CustomerExportBody,
        response: { 200: CustomerExport },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await exportCustomer({
          deps,
          actor: actorFrom(request),
          customer: { id: request.params.id },
          reason: request.body.reason,
        }),
      ),
  );
};
