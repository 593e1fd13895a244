import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adjustPoints } from '../../services/loyalty/loyalty-bonus.ts';
import {
  changeLoyaltyRules,
  loyaltyProgram,
  savePromotion,
  saveReward,
} from '../../services/loyalty/loyalty-program.ts';
import {
  explainPoints,
  loyaltyEventViews,
  loyaltySummary,
} from '../../services/loyalty/loyalty-view.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import {
  LoyaltyEvents,
  LoyaltyProgram,
  LoyaltyRulesChangeBody,
  LoyaltyRulesVersion,
  LoyaltySummary,
  PointsAdjusted,
  PointsAdjustmentBody,
  PromotionAnswer,
  PromotionBody,
  RewardAnswer,
  RewardBody,
} from '../schemas/loyalty.ts';
import { IdParams } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

const dates = <T extends { startsAt: Date; endsAt: Date }>(promotion: T) => ({
  ...promotion,
  startsAt: promotion.startsAt.toISOString(),
  endsAt: promotion.endsAt.toISOString(),
});

export const loyaltyRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['loyalty'];

  app.get(
    '/loyalty/program',
    {
      preHandler: requirePermission('loyalty.manage'),
      schema: {
        tags,
        summary: 'The rules in force (and earlier versions), promotions and rewards',
        response: { 200: LoyaltyProgram },
      },
    },
    async () => {
      const program = await loyaltyProgram(deps);
      return { ...program, promotions: program.promotions.map(dates) };
    },
  );

  app.patch(
    '/loyalty/rules',
    {
      preHandler: requirePermission('loyalty.manage'),
      schema: {
        tags,
        summary: 'Change the rules: a new version, in force from effectiveFrom (default now)',
        body: LoyaltyRulesChangeBody,
        response: { 200: LoyaltyRulesVersion },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await changeLoyaltyRules({ deps, actor: actorFrom(request), changes: request.body }),
      ),
  );

  for (const [method, url] of [
    ['POST', '/loyalty/promotions'],
    ['PUT', '/loyalty/promotions/:id'],
  ] as const) {
    app.route({
      method,
      url,
      preHandler: requirePermission('loyalty.manage'),
      schema: {
        tags,
        summary:
          'Add or change a promotion (multiplier or fixed bonus, window, categories, minimum spend)',
        ...(method === 'PUT' ? { params: IdParams } : {}),
        body: PromotionBody,
        response: { 200: PromotionAnswer },
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        const body = request.body as Parameters<typeof savePromotion>[0]['input'];
        return answer(
          reply,
          await savePromotion({
            deps,
            actor: actorFrom(request),
            input: { ...body, ...(id ? { id } : {}) },
          }),
          (promotion) => ({ promotion: dates(promotion) }),
        );
      },
    });
  }

  for (const [method, url] of [
    ['POST', '/loyalty/rewards'],
    ['PUT', '/loyalty/rewards/:id'],
  ] as const) {
    app.route({
      method,
      url,
      preHandler: requirePermission('loyalty.manage'),
      schema: {
        tags,
        summary: 'Add or change a reward (points for an amount off, a percentage off or a product)',
        ...(method === 'PUT' ? { params: IdParams } : {}),
        body: RewardBody,
        response: { 200: RewardAnswer },
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        const body = request.body as RewardBody;
        return answer(
          reply,
          await saveReward({
            deps,
            actor: actorFrom(request),
            input: {
              ...body,
              amount: body.amount ?? null,
              percentBp: body.percentBp ?? null,
              productSku: body.productSku ?? null,
              ...(id ? { id } : {}),
            },
          }),
          (reward) => ({ reward }),
        );
      },
    });
  }

  app.get(
    '/customers/:id/loyalty',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Points, rewards within reach and the points to the next, groups, what expires',
        params: IdParams,
        response: { 200: LoyaltySummary },
      },
    },
    async (request, reply) => answer(reply, await loyaltySummary(deps, request.params.id)),
  );

  app.get(
    '/customers/:id/loyalty/events',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'The points log, oldest first, and the totals by kind that explain the balance',
        params: IdParams,
        response: { 200: LoyaltyEvents },
      },
    },
    async (request, reply) => answer(reply, await explainPoints(deps, request.params.id)),
  );

  app.post(
    '/customers/:id/loyalty/adjustments',
    {
      preHandler: requirePermission('sale.create'),
      schema: {
        tags,
        summary:
          "Bonus points (or a correction) with a reason code: a supervisor, or a cashier with a supervisor's PIN (Idempotency-Key required)",
        params: IdParams,
        body: PointsAdjustmentBody,
        response: { 201: PointsAdjusted },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const result = await adjustPoints({
        deps,
        actor: actorFrom(request),
        customerId: request.params.id,
        input: request.body,
        idempotencyKey: key.value,
      });
      if (!result.ok) return sendFailure(reply, result);
      const [event] = await loyaltyEventViews(deps, [result.value]);
      return reply.code(201).send({ event: event! });
    },
  );
};
