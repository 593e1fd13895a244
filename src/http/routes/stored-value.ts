import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adjustStoreCredit, storeCreditOf } from '../../services/stored-value/store-credit.ts';
import {
  storedValueReport,
  storedValueReportCsv,
} from '../../services/stored-value/stored-value-report.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import { FileAnswer, IdParams } from '../schemas/platform.ts';
import {
  ReportPeriod,
  StoreCredit,
  StoreCreditAdjusted,
  StoreCreditAdjustmentBody,
  StoredValueReport,
} from '../schemas/stored-value.ts';
import type { RouteOptions } from './options.ts';

export const storedValueRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/customers/:id/store-credit',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags: ['store credit'],
        summary: "The customer's store credit: balance per currency, what expires when, the log",
        params: IdParams,
        response: { 200: StoreCredit },
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
        body: StoreCreditAdjustmentBody,
        response: { 201: StoreCreditAdjusted },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await adjustStoreCredit({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          input: request.body,
          idempotencyKey: key.value,
        }),
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
        querystring: ReportPeriod,
        response: { 200: StoredValueReport },
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
        querystring: ReportPeriod,
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
