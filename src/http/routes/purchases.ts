import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { purchaseHistory, purchaseSummary } from '../../services/sales/purchase-history.ts';
import { requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { IdParams, Sale } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Favourite = Type.Object({
  key: Type.String(),
  label: Type.String(),
  quantity: Type.Integer(),
  spend: Type.Integer(),
});

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
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Sale),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await purchaseHistory(deps, request.params.id, {
          limit: request.query.limit ?? 20,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
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
        response: {
          200: Type.Object({
            summary: Type.Object({
              lifetimeSpend: Type.Integer(),
              visits: Type.Integer(),
              returns: Type.Integer(),
              averageBasket: Type.Integer(),
              lastVisit: Type.Union([Type.String(), Type.Null()]),
              firstVisit: Type.Union([Type.String(), Type.Null()]),
              topItems: Type.Array(Favourite),
              favouriteBrands: Type.Array(Favourite),
              favouriteSizes: Type.Array(Favourite),
            }),
          }),
        },
      },
    },
    async (request, reply) =>
      answer(reply, await purchaseSummary(deps, request.params.id), (summary) => ({ summary })),
  );
};
