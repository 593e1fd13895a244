import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { quoteSale } from '../../services/sales/sale-quote.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { Nullable, SaleBody } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Money = Type.Integer({ description: 'minor units' });

const SaleQuote = Type.Object({
  currency: Type.String(),
  pricingMode: Type.Union([Type.Literal('tax_inclusive'), Type.Literal('tax_exclusive')]),
  subtotal: Money,
  discountTotal: Money,
  taxTotal: Money,
  total: Money,
  liabilityTotal: Money,
  group: Nullable(Type.Object({ name: Type.String(), discountBp: Type.Integer() })),
  groupDiscountTotal: Money,
  reward: Nullable(
    Type.Object({ id: Type.String(), name: Type.String(), pointsCost: Type.Integer() }),
  ),
  rewardDiscountTotal: Money,
  pointsEarned: Type.Integer(),
  pointsRedeemed: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      line: Type.Integer({ description: 'position in the request, from 0' }),
      discount: Money,
      tax: Money,
      total: Money,
    }),
  ),
});

export const saleQuoteRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.post(
    '/sales/quote',
    {
      preHandler: requirePermission('sale.create'),
      // Prices the basket and writes nothing: no Idempotency-Key is claimed or kept.
      config: { readOnly: true },
      schema: {
        tags: ['sales'],
        summary:
          'Price a basket exactly as the sale would (tax, group discount, reward, points) without selling it',
        body: Type.Omit(SaleBody, ['tenders'], { additionalProperties: false }),
        response: { 200: Type.Object({ quote: SaleQuote }) },
      },
    },
    async (request, reply) => {
      const result = await quoteSale(deps, actorFrom(request), request.body);
      return answer(reply, result, (quote) => ({ quote }));
    },
  );
};
