import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { can } from '../../domain/permissions.ts';
import { fail } from '../../domain/result.ts';
import { sendGiftCardEmail } from '../../services/receipts/gift-card-email.ts';
import {
  changeGiftCardByStaff,
  redeemGiftCard,
} from '../../services/stored-value/gift-card-operations.ts';
import { importGiftCardsCsv } from '../../services/stored-value/gift-card-import.ts';
import {
  checkGiftCardBalance,
  findGiftCards,
  generateGiftCards,
  giftCardWithActivity,
  linkGiftCard,
} from '../../services/stored-value/gift-cards.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import { CsvImportBody } from '../schemas/platform.ts';
import {
  GiftCardActionBody,
  GiftCardAnswer,
  GiftCardBalance,
  GiftCardBalanceBody,
  GiftCardChanged,
  GiftCardCustomerBody,
  GiftCardEmailBody,
  GiftCardEmailSent,
  GiftCardImportReport,
  GiftCardList,
  GiftCardParams,
  GiftCardRange,
  GiftCardRangeBody,
  GiftCardRedeemBody,
  GiftCardSearchQuery,
  GiftCardWithActivity,
} from '../schemas/stored-value.ts';
import type { RouteOptions } from './options.ts';

export const giftCardRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps, mailer },
) => {
  const tags = ['gift cards'];

  app.post(
    '/gift-cards/balance',
    {
      preHandler: requirePermission('giftcard.read'),
      // Per staff member or key: guessing card numbers at a till gets nowhere fast. A
      // look-up (audited, but a retry must see today's balance): no Idempotency-Key kept.
      config: {
        readOnly: true,
        rateLimit: {
          max: 20,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) => request.auth?.actor.label ?? request.ip,
        },
      },
      schema: {
        tags,
        summary: 'Balance check at the till (rate limited, every check audited)',
        body: GiftCardBalanceBody,
        response: { 200: GiftCardBalance },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await checkGiftCardBalance({
          deps,
          actor: actorFrom(request),
          number: request.body.number,
        }),
      ),
  );

  app.post(
    '/integrations/gift-cards/redeem',
    {
      preHandler: requirePermission('sale.create'),
      schema: {
        tags: ['integrations'],
        summary:
          'A web shop or another POS spends a card outside our sales (Idempotency-Key required)',
        body: GiftCardRedeemBody,
        response: { 200: GiftCardChanged },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await redeemGiftCard({
          deps,
          actor: actorFrom(request),
          input: {
            ...request.body,
            idempotencyKey: key.value,
          },
        }),
      );
    },
  );

  app.get(
    '/gift-cards',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary: 'Find gift cards by number (or its first digits), customer or state',
        querystring: GiftCardSearchQuery,
        response: { 200: GiftCardList },
      },
    },
    async (request) => ({ cards: await findGiftCards(deps, request.query) }),
  );

  app.get(
    '/gift-cards/:card',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary: 'A gift card with its full activity log',
        params: GiftCardParams,
        response: { 200: GiftCardWithActivity },
      },
    },
    async (request, reply) => answer(reply, await giftCardWithActivity(deps, request.params.card)),
  );

  app.post(
    '/gift-cards/:card/actions',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary:
          'Block, unblock, deactivate, clear or adjust a card, with a reason (Idempotency-Key required)',
        params: GiftCardParams,
        body: GiftCardActionBody,
        response: { 200: GiftCardChanged },
      },
    },
    async (request, reply) => {
      const actor = actorFrom(request);
      const moneyMove = request.body.action === 'adjust' || request.body.action === 'clear';
      if (moneyMove && !can(actor.role, 'giftcard.adjust')) {
        return sendFailure(
          reply,
          fail('forbidden', 'Adjusting or clearing a balance needs the giftcard.adjust permission'),
        );
      }
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await changeGiftCardByStaff({
          deps,
          actor,
          cardRef: request.params.card,
          input: request.body,
          idempotencyKey: key.value,
        }),
      );
    },
  );

  app.put(
    '/gift-cards/:card/customer',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary: 'Link a card to a customer (or unlink it with null)',
        params: GiftCardParams,
        body: GiftCardCustomerBody,
        response: { 200: GiftCardAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await linkGiftCard({
          deps,
          actor: actorFrom(request),
          number: request.params.card,
          customerId: request.body.customerId,
        }),
        (card) => ({ card }),
      ),
  );

  app.post(
    '/gift-cards/:card/email',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary: 'Send (or send again) a card by email; the address is not stored',
        params: GiftCardParams,
        body: GiftCardEmailBody,
        response: { 200: GiftCardEmailSent },
      },
    },
    async (request, reply) => {
      const found = await giftCardWithActivity(deps, request.params.card);
      if (!found.ok) return sendFailure(reply, found);
      return answer(
        reply,
        await sendGiftCardEmail({
          deps,
          mailer: mailer ?? null,
          actor: actorFrom(request),
          cardId: found.value.card.id,
          to: request.body.email,
        }),
      );
    },
  );

  app.post(
    '/gift-cards/ranges',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary:
          'Generate a range of pre-printed card numbers (with check digits), to activate when sold',
        body: GiftCardRangeBody,
        response: { 201: GiftCardRange },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await generateGiftCards({ deps, actor: actorFrom(request), input: request.body }),
        undefined,
        201,
      ),
  );

  app.post(
    '/gift-cards/import',
    {
      preHandler: requirePermission('giftcard.manage'),
      schema: {
        tags,
        summary:
          'Import cards from an earlier system: CSV with number, balance, currency, expires_at',
        body: CsvImportBody,
        response: { 200: GiftCardImportReport },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await importGiftCardsCsv({ deps, actor: actorFrom(request), csv: request.body.csv }),
      ),
  );
};
