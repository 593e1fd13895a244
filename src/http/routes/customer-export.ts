import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportCustomer } from '../../services/customers/customer-export.ts';
import {
  customerExportZip,
  customerExportZipName,
  type CustomerExportFormat,
} from '../../services/customers/customer-export-zip.ts';
import type { ServiceDeps } from '../../services/platform/context.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { CustomerExportAnswer, CustomerExportBody } from '../schemas/customers-export.ts';
import { IdParams } from '../schemas/platform.ts';

/**
 * `Accept: application/zip` asks for the zip. Anything else (no Accept, `*\/*`, JSON) gets
 * the JSON document as before; when both are named the higher q wins, a tie the first.
 */
export function exportFormatAccepted(accept: string | undefined): CustomerExportFormat {
  const ranges = (accept ?? '').split(',').map((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) : 1 };
  });
  const zip = ranges.find((range) => range.type === 'application/zip');
  const json = ranges.find((range) => range.type === 'application/json');
  if (!zip || !(zip.q > 0)) return 'json';
  if (!json) return 'zip';
  if (json.q !== zip.q) return zip.q > json.q ? 'zip' : 'json';
  return ranges.indexOf(zip) < ranges.indexOf(json) ? 'zip' : 'json';
}

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
          'Export everything held about one customer as one JSON document (GDPR arts. 15 and 20), with a reason; audited as customer.exported with the format. With the header Accept: application/zip the same export comes as CSV files in a zip (an attachment named customer-<number>-export.zip, README.txt inside). 409 customer_erased or customer_merged when there is no one left to export',
        params: IdParams,
        body: CustomerExportBody,
        response: { 200: CustomerExportAnswer },
      },
    },
    async (request, reply) => {
      const format = exportFormatAccepted(request.headers.accept);
      // The answer depends on Accept: a cache in between must not hand one for the other.
      reply.header('vary', 'Accept');
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
