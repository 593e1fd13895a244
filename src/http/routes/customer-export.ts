import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportCustomer } from '../../services/customers/customer-export.ts';
import {
  customerExportZip,
  customerExportZipName,
} from '../../services/customers/customer-export-zip.ts';
import type { ServiceDeps } from '../../services/platform/context.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import {
  CustomerExport,
  CustomerExportBody,
  CustomerExportQuery,
} from '../schemas/customers-export.ts';
import { IdParams } from '../schemas/platform.ts';
import { Type } from 'typebox';

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
          'Export everything held about one customer as one JSON document (GDPR arts. 15 and 20), with a reason; audited as customer.exported with the format. With ?format=zip the same export comes as CSV files in a zip (application/zip, an attachment named customer-<number>-export.zip, README.txt inside). 409 customer_erased or customer_merged when there is no one left to export',
        params: IdParams,
        querystring: CustomerExportQuery,
        body: CustomerExportBody,
        response: {
          200: {
            description: 'The export: the JSON document, or with ?format=zip the zip of CSV files',
            content: {
              'application/json': { schema: CustomerExport },
              // Bytes, as FileAnswer (schemas/platform.ts) describes other files.
              'application/zip': { schema: Type.Unsafe<Uint8Array>(Type.String()) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'json';
      const result = await exportCustomer({
        deps,
        actor: actorFrom(request),
        customer: { id: request.params.id },
        reason: request.body.reason,
        format,
      });
      if (format === 'json' || !result.ok) return answer(reply, result);
      return reply
        .type('application/zip')
        .header(
          'content-disposition',
          `attachment; filename="${customerExportZipName(result.value.customer.number)}"`,
        )
        .send(Buffer.from(customerExportZip(result.value)));
    },
  );
};
