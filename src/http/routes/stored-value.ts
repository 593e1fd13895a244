import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adjustStoreCredit, storeCreditOf } from '../../services/stored-value/store-credit.ts';
import {
  storedValueReport,
  storedValueReportCsv,
} from '../../services/stored-value/stored-value-report.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import { FileAnswer, IdParams, SignedMoney, StoreCreditEntry } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Period = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
});

const Movements = Type.Array(
  Type.Object({
    month: Type.String(),
    currency: Type.String(),
    issued: Type.Integer(),
    redeemed: Type.Integer(),
    refunded: Type.Integer(),
    expired: Type.Integer(),
    adjusted: Type.Integer(),
  }),
);

export const storedValueRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/customers/:id/store-credit',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags: ['store credit'],
        summary: "The customer's store credit: balance per currency, what expires when, the log",
        params: IdParams,
        response: {
          200: Type.Object({
            accounts: Type.Array(
              Type.Object({
                currency: Type.String(),
                balance: Type.Integer(),
                spendable: Type.Integer(),
                expiring: Type.Array(
                  Type.Object({ amount: Type.Integer(), expiresAt: Type.String() }),
                ),
              }),
            ),
            entries: Type.Array(StoreCreditEntry),
          }),
        },
      },
    },
    async (request, reply) => answer(reply, await storeCreditOf(deps, request.params.id)),
  );

  app.post(
    '/customers/:id/store-credit/adjustments',
    {
      preHandler: requirePermission('storecredit.adjust'),
      schema: {
        tags: ['store credit'],
        summary: 'Give or take store credit, with a reason (Idempotency-Key required)',
        params: IdParams,
        body: Type.Object(
          {
            currency: Type.String({ maxLength: 3 }),
            amount: SignedMoney,
            reason: Type.String({ maxLength: 200 }),
            expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ entry: StoreCreditEntry }) },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await adjustStoreCredit(
          deps,
          actorFrom(request),
          request.params.id,
          request.body,
          key.value,
        ),
        (entry) => ({ entry }),
        201,
      );
    },
  );

  app.get(
    '/reports/stored-value',
    {
      preHandler: requirePermission('report.read'),
      schema: {
        tags: ['reports'],
        summary:
          'Gift card and store credit liability: outstanding by outlet and age, movements per month',
        querystring: Period,
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            giftCards: Type.Object({
              byOutlet: Type.Array(
                Type.Object({
                  outlet: Type.String(),
                  currency: Type.String(),
                  cards: Type.Integer(),
                  balance: Type.Integer(),
                }),
              ),
              byAge: Type.Array(
                Type.Object({
                  ageBand: Type.String(),
                  currency: Type.String(),
                  cards: Type.Integer(),
                  balance: Type.Integer(),
                }),
              ),
              movements: Movements,
            }),
            storeCredit: Type.Object({
              outstanding: Type.Array(
                Type.Object({
                  currency: Type.String(),
                  accounts: Type.Integer(),
                  balance: Type.Integer(),
                }),
              ),
              movements: Movements,
            }),
          }),
        },
      },
    },
    async (request, reply) => answer(reply, await storedValueReport(deps, request.query)),
  );

  app.get(
    '/reports/stored-value.csv',
    {
      preHandler: requirePermission('report.read'),
      schema: {
        tags: ['reports'],
        summary: 'The stored-value liability report as a CSV file (amounts in minor units)',
        querystring: Period,
        response: { 200: FileAnswer('text/csv', 'The report as CSV') },
      },
    },
    async (request, reply) => {
      const report = await storedValueReport(deps, request.query);
      if (!report.ok) return sendFailure(reply, report);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="stored-value-liability.csv"')
        .send(storedValueReportCsv(report.value));
    },
  );
};
