import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { purchaseHistory, purchaseSummary } from '../../services/sales/purchase-history.ts';
import { requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { IdParams } from '../schemas/platform.ts';
import { PurchasePage, PurchaseSummary, PurchasesQuery } from '../schemas/sales.ts';
import type { RouteOptions } from './options.ts';

/** A customer's purchase history and its summary (profile and till). */
export const purchaseRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['sales'];
  app.get(
    '/customers/:id/purchases',
    {
      preHandler: requirePermission('sale.read'),
      schema: {
        tags,
        summary: "A customer's sales and returns, newest first, paged by cursor",
        params: IdParams,
        querystring: PurchasesQuery,
        response: { 200: PurchasePage },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await purchaseHistory({
          deps,
          customerId: request.params.id,
          page: {
            limit: request.query.limit ?? 20,
            ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
          },
        }),
      ),
  );

  app.get(
    '/customers/:id/purchase-summary',
    {
      preHandler: requirePermission('sale.read'),
      schema: {
        tags,
        summary: 'Lifetime spend, visits, average basket, last visit, top items, brands and sizes',
        params: IdParams,
        response: { 200: PurchaseSummary },
      },
    },
    async (request, reply) =>
      answer(reply, await purchaseSummary(deps, request.params.id), (summary) => ({ summary })),
  );
};
