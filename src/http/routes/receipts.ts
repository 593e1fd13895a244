import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sendEReceipt } from '../../services/receipts/e-receipts.ts';
import type { Mailer } from '../../services/platform/mailer.ts';
import { renderReceiptHtml } from '../../services/receipts/receipt-html.ts';
import { renderReceiptPdf } from '../../services/receipts/receipt-pdf.ts';
import { receiptForSale } from '../../services/receipts/receipts.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { FileAnswer, IdParams } from '../schemas/platform.ts';
import { ReceiptEmailBody, ReceiptEmailSent, ReceiptPageQuery } from '../schemas/receipts.ts';
import type { RouteOptions } from './options.ts';

export type ReceiptRouteOptions = RouteOptions & { mailer: Mailer | null };

// A receipt may carry the customer's name: browsers and proxies must not keep copies.
const noStore = 'private, no-store';

/** Register codes are free text: keep the download name to safe characters. */
function fileNameOf(saleNumber: string): string {
  return `receipt-${saleNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

export const receiptRoutes: FastifyPluginAsyncTypebox<ReceiptRouteOptions> = async (
  app,
  { deps, mailer },
) => {
  const tags = ['receipts'];

  app.get(
    '/sales/:id/receipt',
    {
      preHandler: requirePermission('sale.read'),
      schema: {
        tags,
        summary: 'Printable 80 mm receipt (HTML); reprints from history use the same page',
        params: IdParams,
        response: { 200: FileAnswer('text/html', 'The receipt page') },
        querystring: ReceiptPageQuery,
      },
    },
    async (request, reply) => {
      const found = await receiptForSale(deps, request.params.id);
      if (!found.ok) return answer(reply, found);
      const autoprint = request.query.autoprint === '1' || request.query.autoprint === 'true';
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', noStore)
        .send(renderReceiptHtml(found.value.receipt, { autoprint }));
    },
  );

  app.get(
    '/sales/:id/receipt.pdf',
    {
      preHandler: requirePermission('sale.read'),
      schema: {
        tags,
        summary: 'The receipt as an 80 mm wide PDF',
        params: IdParams,
        response: { 200: FileAnswer('application/pdf', 'The receipt as a PDF') },
      },
    },
    async (request, reply) => {
      const found = await receiptForSale(deps, request.params.id);
      if (!found.ok) return answer(reply, found);
      const { receipt } = found.value;
      return reply
        .type('application/pdf')
        .header('cache-control', noStore)
        .header('content-disposition', `inline; filename="${fileNameOf(receipt.number)}"`)
        .send(await renderReceiptPdf(receipt));
    },
  );

  app.post(
    '/sales/:id/receipt/email',
    {
      preHandler: requirePermission('sale.read'),
      // Per signed-in staff member or key: a till cannot be turned into a mail cannon.
      config: {
        rateLimit: {
          max: 30,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) => request.auth?.actor.label ?? request.ip,
        },
      },
      schema: {
        tags,
        summary:
          "Email the receipt (HTML body, PDF attached) to `to`, or to the customer's email on file",
        params: IdParams,
        body: ReceiptEmailBody,
        response: { 200: ReceiptEmailSent },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await sendEReceipt({
          deps,
          mailer,
          actor: actorFrom(request),
          saleId: request.params.id,
          to: request.body.to,
        }),
      ),
  );
};
