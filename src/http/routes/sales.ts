import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fail } from '../../domain/result.ts';
import { exchangeItems } from '../../services/sales/exchanges.ts';
import { returnItems } from '../../services/sales/returns.ts';
import { attachSale, detachSale } from '../../services/sales/sale-attach.ts';
import { findSaleByNumber, loadSaleViews } from '../../services/sales/sale-view.ts';
import { completeSale } from '../../services/sales/sales.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import { IdParams } from '../schemas/platform.ts';
import {
  AttachBody,
  DetachBody,
  ExchangeBody,
  ExchangeDone,
  IntegrationSaleBody,
  ReturnBody,
  SaleAnswer,
  SaleBody,
  SaleCompleted,
  SaleNumberParams,
  VoidBody,
} from '../schemas/sales.ts';
import { deliverDigitalGiftCards } from '../../services/receipts/gift-card-email.ts';
import { voidSale } from '../../services/sales/sale-void.ts';
import type { RouteOptions } from './options.ts';

export const saleRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps, mailer },
) => {
  const tags = ['sales'];
  app.post(
    '/sales',
    {
      preHandler: requirePermission('sale.create'),
      schema: {
        tags,
        summary: 'Complete a sale at the till (Idempotency-Key required)',
        body: SaleBody,
        response: { 201: SaleCompleted },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const digital = request.body.lines.some(
        (line) => 'kind' in line && line.kind === 'gift_card' && line.number === undefined,
      );
      if (digital && !mailer) {
        return sendFailure(
          reply,
          fail(
            'mail_not_configured',
            'Digital gift cards are sent by email, which is not set up on this server (see the README)',
            { field: 'lines' },
          ),
        );
      }
      const actor = actorFrom(request);
      const source = request.auth?.actor.kind === 'api_key' ? 'api' : 'till';
      const result = await completeSale({
        deps,
        actor,
        input: { ...request.body, idempotencyKey: key.value },
        source,
      });
      if (!result.ok) return sendFailure(reply, result);
      const giftCardDeliveries = await deliverDigitalGiftCards({
        deps,
        mailer: mailer ?? null,
        actor,
        saleId: result.value.id,
        lines: request.body.lines,
      });
      return reply.code(201).send({ sale: result.value, giftCardDeliveries });
    },
  );

  app.post(
    '/integrations/sales',
    {
      preHandler: requirePermission('sale.create'),
      schema: {
        tags: ['integrations'],
        summary: 'An existing POS posts a completed sale; the customer by number, card or phone',
        body: IntegrationSaleBody,
        response: { 201: SaleAnswer },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const { completedAt, ...body } = request.body;
      const at = completedAt ? new Date(completedAt) : undefined;
      if (at && at.getTime() > Date.now() + 5 * 60_000) {
        return sendFailure(
          reply,
          fail('validation_failed', 'completedAt must not be in the future', {
            field: 'completedAt',
          }),
        );
      }
      const result = await completeSale({
        deps,
        actor: actorFrom(request),
        input: { ...body, ...(at ? { completedAt: at } : {}), idempotencyKey: key.value },
        source: 'api',
      });
      return answer(reply, result, (sale) => ({ sale }), 201);
    },
  );

  app.post(
    '/returns',
    {
      preHandler: requirePermission('sale.return'),
      schema: {
        tags,
        summary: 'Return items of earlier sales, with the receipt or picked from the history',
        body: ReturnBody,
        response: { 201: SaleAnswer },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const result = await returnItems({
        deps,
        actor: actorFrom(request),
        input: {
          ...request.body,
          idempotencyKey: key.value,
        },
      });
      return answer(reply, result, (sale) => ({ sale }), 201);
    },
  );

  app.post(
    '/exchanges',
    {
      preHandler: requirePermission('sale.return'),
      schema: {
        tags,
        summary:
          'Return items and sell others in one step; the refund pays for the new items first',
        body: ExchangeBody,
        response: { 201: ExchangeDone },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await exchangeItems({
          deps,
          actor: actorFrom(request),
          input: {
            ...request.body,
            idempotencyKey: key.value,
          },
        }),
        (v) => v,
        201,
      );
    },
  );

  app.post(
    '/sales/:id/void',
    {
      preHandler: requirePermission('sale.return'),
      schema: {
        tags,
        summary:
          "Void a sale: every line back, every tender reversed; a supervisor's PIN is needed (Idempotency-Key required)",
        params: IdParams,
        body: VoidBody,
        response: { 201: SaleAnswer },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const result = await voidSale({
        deps,
        actor: actorFrom(request),
        saleId: request.params.id,
        input: {
          ...request.body,
          idempotencyKey: key.value,
        },
      });
      return answer(reply, result, (sale) => ({ sale }), 201);
    },
  );

  app.get(
    '/sales/:id',
    {
      preHandler: requirePermission('sale.read'),
      schema: { tags, params: IdParams, response: { 200: SaleAnswer } },
    },
    async (request, reply) => {
      const [sale] = await loadSaleViews(deps.db, [request.params.id]);
      return sale
        ? { sale }
        : sendFailure(reply, fail('sale_not_found', `No sale with id ${request.params.id}`));
    },
  );

  app.get(
    '/sales/by-number/:number',
    {
      preHandler: requirePermission('sale.read'),
      schema: {
        tags,
        summary: 'Find a sale by the number on its receipt (a scanned receipt barcode)',
        params: SaleNumberParams,
        response: { 200: SaleAnswer },
      },
    },
    async (request, reply) => {
      const outletId =
        request.auth?.actor.kind === 'staff'
          ? (request.auth.actor.outletId ?? undefined)
          : undefined;
      const sale = await findSaleByNumber({
        db: deps.db,
        number: request.params.number,
        preferOutletId: outletId,
      });
      return sale
        ? { sale }
        : sendFailure(reply, fail('sale_not_found', `No sale numbered ${request.params.number}`));
    },
  );

  app.post(
    '/sales/:id/attach',
    {
      preHandler: requirePermission('sale.attach'),
      schema: {
        tags,
        summary: 'Attach a completed sale to a customer (logged)',
        params: IdParams,
        body: AttachBody,
        response: { 200: SaleAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await attachSale({
          deps,
          actor: actorFrom(request),
          saleId: request.params.id,
          customerId: request.body.customerId,
        }),
        (sale) => ({ sale }),
      ),
  );

  app.post(
    '/sales/:id/detach',
    {
      preHandler: requirePermission('sale.detach'),
      schema: {
        tags,
        summary: 'Detach a wrongly attached sale (supervisor; logged)',
        params: IdParams,
        body: DetachBody,
        response: { 200: SaleAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await detachSale({
          deps,
          actor: actorFrom(request),
          saleId: request.params.id,
          reason: request.body.reason,
        }),
        (sale) => ({ sale }),
      ),
  );
};
