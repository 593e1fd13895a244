import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adjustPoints, bonusReasonCodes } from '../../services/loyalty/loyalty-bonus.ts';
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
  Approval,
  BasisPoints,
  IdParams,
  Identifier,
  Money,
  Months,
  Nullable,
  Points,
  SignedPoints,
} from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Rules = Type.Object({
  enabled: Type.Boolean(),
  spendPerPoint: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  earnOn: Type.Union([Type.Literal('gross'), Type.Literal('net')]),
  excludedCategories: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 }),
  categoryMultipliers: Type.Record(Type.String({ maxLength: 60 }), BasisPoints),
  signupBonus: Points,
  expiryMonths: Nullable(Months),
  allowNegativeBalance: Type.Boolean(),
});

const Reward = Type.Object({
  id: Type.String(),
  name: Type.String(),
  pointsCost: Type.Integer(),
  kind: Type.String(),
  amount: Nullable(Type.Integer()),
  percentBp: Nullable(Type.Integer()),
  productSku: Nullable(Type.String()),
  active: Type.Boolean(),
});

const RewardBody = Type.Object(
  {
    name: Type.String({ maxLength: 80 }),
    pointsCost: Points,
    kind: Type.Union([
      Type.Literal('amount_off'),
      Type.Literal('percent_off'),
      Type.Literal('free_product'),
    ]),
    amount: Type.Optional(Nullable(Money)),
    percentBp: Type.Optional(Nullable(BasisPoints)),
    productSku: Type.Optional(Nullable(Identifier({ maxLength: 40 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Promotion = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  multiplierBp: Nullable(Type.Integer()),
  bonusPoints: Nullable(Type.Integer()),
  categories: Type.Array(Type.String()),
  minSpend: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  active: Type.Boolean(),
});

const PromotionBody = Type.Object(
  {
    name: Type.String({ maxLength: 80 }),
    kind: Type.Union([Type.Literal('multiplier'), Type.Literal('bonus')]),
    multiplierBp: Type.Optional(Nullable(BasisPoints)),
    bonusPoints: Type.Optional(Nullable(Points)),
    categories: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
    minSpend: Type.Optional(Money),
    startsAt: Type.String({ maxLength: 40 }),
    endsAt: Type.String({ maxLength: 40 }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const LoyaltyEvent = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  points: Type.Integer(),
  balanceAfter: Type.Integer(),
  saleId: Nullable(Type.String()),
  saleNumber: Nullable(Type.String()),
  ruleVersion: Nullable(Type.Integer()),
  promotionId: Nullable(Type.String()),
  rewardId: Nullable(Type.String()),
  reasonCode: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
});

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
        response: {
          200: Type.Object({
            current: Type.Object({ version: Nullable(Type.Integer()), rules: Rules }),
            versions: Type.Array(
              Type.Object({ version: Type.Integer(), effectiveFrom: Type.String(), rules: Rules }),
            ),
            promotions: Type.Array(Promotion),
            rewards: Type.Array(Reward),
          }),
        },
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
        body: Type.Intersect([
          Type.Partial(Rules),
          Type.Object({ effectiveFrom: Type.Optional(Type.String({ maxLength: 40 })) }),
        ]),
        response: { 200: Type.Object({ version: Type.Integer(), rules: Rules }) },
      },
    },
    async (request, reply) =>
      answer(reply, await changeLoyaltyRules(deps, actorFrom(request), request.body)),
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
        response: { 200: Type.Object({ promotion: Promotion }) },
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        const body = request.body as Parameters<typeof savePromotion>[2];
        return answer(
          reply,
          await savePromotion(deps, actorFrom(request), { ...body, ...(id ? { id } : {}) }),
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
        response: { 200: Type.Object({ reward: Reward }) },
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        const body = request.body as {
          name: string;
          pointsCost: number;
          kind: 'amount_off' | 'percent_off' | 'free_product';
          amount?: number | null;
          percentBp?: number | null;
          productSku?: string | null;
          active?: boolean;
        };
        return answer(
          reply,
          await saveReward(deps, actorFrom(request), {
            ...body,
            amount: body.amount ?? null,
            percentBp: body.percentBp ?? null,
            productSku: body.productSku ?? null,
            ...(id ? { id } : {}),
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
        response: {
          200: Type.Object({
            enabled: Type.Boolean(),
            balance: Type.Integer(),
            allowNegativeBalance: Type.Boolean(),
            rewardsAvailable: Type.Array(Reward),
            nextReward: Nullable(Type.Object({ reward: Reward, pointsNeeded: Type.Integer() })),
            groups: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                discountBp: Type.Integer(),
                earnMultiplierBp: Type.Integer(),
              }),
            ),
            expiring: Type.Array(Type.Object({ points: Type.Integer(), expiresAt: Type.String() })),
          }),
        },
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
        response: {
          200: Type.Object({
            balance: Type.Integer(),
            byKind: Type.Record(Type.String(), Type.Integer()),
            events: Type.Array(LoyaltyEvent),
          }),
        },
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
        body: Type.Object(
          {
            points: SignedPoints,
            reasonCode: Type.Union(bonusReasonCodes.map((code) => Type.Literal(code))),
            reason: Type.String({ maxLength: 200 }),
            approval: Type.Optional(Approval),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ event: LoyaltyEvent }) },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      const result = await adjustPoints(
        deps,
        actorFrom(request),
        request.params.id,
        request.body,
        key.value,
      );
      if (!result.ok) return sendFailure(reply, result);
      const [event] = await loyaltyEventViews(deps, [result.value]);
      return reply.code(201).send({ event: event! });
    },
  );
};
