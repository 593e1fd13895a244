import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { quoteSale } from '../../services/sales/sale-quote.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { SaleQuoteAnswer, SaleQuoteBody } from '../schemas/sales.ts';
import type { RouteOptions } from './options.ts';

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
        body: SaleQuoteBody,
        response: { 200: SaleQuoteAnswer },
      },
    },
    async (request, reply) => {
      const result = await quoteSale({ deps, actor: actorFrom(request), input: request.body });
      return answer(reply, result, (quote) => ({ quote }));
    },
  );
};
