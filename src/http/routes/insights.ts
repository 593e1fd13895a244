import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { SegmentDefinition as Definition } from '../../domain/insights/segments.ts';
import { fail } from '../../domain/result.ts';
import { exportInsightList } from '../../services/insights/insights-csv.ts';
import {
  birthdayWindowDays,
  evaluateSegment,
  insightsSummary,
  lapsedCustomers,
  topCustomers,
  upcomingBirthdays,
} from '../../services/insights/insights-lists.ts';
import { listSegments, saveSegment } from '../../services/insights/insights-segments.ts';
import type { ServiceDeps } from '../../services/platform/context.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer } from '../route-helpers.ts';
import {
  BirthdayPage,
  BirthdaysQuery,
  InsightCustomerPage,
  InsightsSummary,
  InsightsSummaryQuery,
  LapsedQuery,
  NewSegmentBody,
  SegmentAnswer,
  SegmentList,
  TopQuery,
} from '../schemas/insights.ts';
import { FileAnswer, IdParams, Paging } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

const paging = (query: { page?: number; pageSize?: number }) => ({
  page: query.page ?? 1,
  pageSize: query.pageSize ?? 25,
});

/** Sends a list as a CSV attachment, audited by the service (names only, no contacts). */
async function sendCsv(
  reply: FastifyReply,
  input: { deps: ServiceDeps; actor: ReturnType<typeof actorFrom>; definition: Definition },
) {
  const csv = await exportInsightList(input);
  if (!csv.ok) return sendFailure(reply, csv);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="insights-${input.definition.list}.csv"`)
    .send(csv.value);
}

/**
 * Insights for the back office: marketers, supervisors and admins (insights.read); a
 * cashier sees only the till hints on the customer. CSV files are personal data leaving
 * the system: customer.export, and an audit entry each.
 */
export const insightRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['insights'];
  const read = requirePermission('insights.read');
  const exportCsv = requirePermission('customer.export');
  const csvAnswer = { 200: FileAnswer('text/csv', 'The list as CSV (names and numbers only)') };

  app.get(
    '/insights/summary',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Method in use and why, last run, RFM grid, segment sizes, value and visit charts',
        querystring: InsightsSummaryQuery,
        response: { 200: InsightsSummary },
      },
    },
    async (request, reply) =>
      answer(reply, await insightsSummary(deps, { outletId: request.query.outletId ?? null })),
  );

  app.get(
    '/insights/lapsed',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Lapsed customers, most value at risk first',
        querystring: LapsedQuery,
        response: { 200: InsightCustomerPage },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await lapsedCustomers(deps, {
          ...paging(request.query),
          outletId: request.query.outletId ?? null,
        }),
      ),
  );

  app.get(
    '/insights/lapsed.csv',
    {
      preHandler: exportCsv,
      schema: {
        tags,
        summary: 'Lapsed customers as CSV',
        querystring: LapsedQuery,
        response: csvAnswer,
      },
    },
    async (request, reply) =>
      sendCsv(reply, {
        deps,
        actor: actorFrom(request),
        definition: { list: 'lapsed', outletId: request.query.outletId ?? null },
      }),
  );

  app.get(
    '/insights/birthdays',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Customers whose birthday falls in the next days (today included)',
        querystring: BirthdaysQuery,
        response: { 200: BirthdayPage },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await upcomingBirthdays(deps, {
          ...paging(request.query),
          outletId: request.query.outletId ?? null,
          ...(request.query.days !== undefined ? { days: request.query.days } : {}),
        }),
      ),
  );

  app.get(
    '/insights/birthdays.csv',
    {
      preHandler: exportCsv,
      schema: {
        tags,
        summary: 'Birthdays ahead as CSV',
        querystring: BirthdaysQuery,
        response: csvAnswer,
      },
    },
    async (request, reply) =>
      sendCsv(reply, {
        deps,
        actor: actorFrom(request),
        definition: {
          list: 'birthdays',
          outletId: request.query.outletId ?? null,
          days: request.query.days ?? (await birthdayWindowDays(deps)),
        },
      }),
  );

  app.get(
    '/insights/top',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Top customers by 12-month value, spend or frequency',
        querystring: TopQuery,
        response: { 200: InsightCustomerPage },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await topCustomers(deps, {
          ...paging(request.query),
          outletId: request.query.outletId ?? null,
          by: request.query.by ?? 'value',
        }),
      ),
  );

  app.get(
    '/insights/top.csv',
    {
      preHandler: exportCsv,
      schema: { tags, summary: 'Top customers as CSV', querystring: TopQuery, response: csvAnswer },
    },
    async (request, reply) =>
      sendCsv(reply, {
        deps,
        actor: actorFrom(request),
        definition: {
          list: 'top',
          outletId: request.query.outletId ?? null,
          by: request.query.by ?? 'value',
        },
      }),
  );

  app.get(
    '/insights/segments',
    {
      preHandler: read,
      schema: { tags, summary: 'Saved segment definitions', response: { 200: SegmentList } },
    },
    async () => ({ segments: await listSegments(deps) }),
  );

  app.post(
    '/insights/segments',
    {
      preHandler: requirePermission('group.manage'),
      schema: {
        tags,
        summary: "Save a list's filter as a named segment (evaluated when used)",
        body: NewSegmentBody,
        response: { 201: SegmentAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await saveSegment({ deps, actor: actorFrom(request), input: request.body }),
        (segment) => ({ segment }),
        201,
      ),
  );

  app.get(
    '/insights/segments/:id/customers',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A saved segment's customers now",
        params: IdParams,
        querystring: Type.Object(Paging, { additionalProperties: false }),
        response: { 200: Type.Union([InsightCustomerPage, BirthdayPage]) },
      },
    },
    async (request, reply) => {
      const segment = (await listSegments(deps)).find((entry) => entry.id === request.params.id);
      if (!segment) return sendFailure(reply, fail('not_found', 'No segment with that id'));
      return answer(reply, await evaluateSegment(deps, segment.definition, paging(request.query)));
    },
  );
};
