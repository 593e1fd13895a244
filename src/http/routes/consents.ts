import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  consentHistory,
  recordConsent,
  type ConsentRecordView,
} from '../../services/customers/consents.ts';
import { listStaleConsents } from '../../services/customers/consent-refresh.ts';
import {
  listConsentWordings,
  setCurrentConsentWording,
  type ConsentWordingView,
} from '../../services/customers/consent-wordings.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import {
  ConsentWordingAnswer,
  ConsentWordingBody,
  ConsentWordingList,
  StaleConsentPage,
  StaleConsentQuery,
} from '../schemas/consents.ts';
import { ConsentHistory, ConsentInput, ConsentRecorded } from '../schemas/customers.ts';
import { IdParams } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

function toRecord(row: ConsentRecordView) {
  return {
    id: row.id,
    channel: row.channel,
    granted: row.granted,
    wording: row.wording,
    at: row.at.toISOString(),
    source: row.source,
    staffName: row.staffName,
    outletName: row.outletName,
  };
}

function toWording(row: ConsentWordingView) {
  return {
    id: row.id,
    channel: row.channel,
    version: row.version,
    text: row.text,
    current: row.current,
    createdAt: row.createdAt.toISOString(),
  };
}

export const consentRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['consents'];
  app.get(
    '/customers/:id/consents',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Marketing consent in force per channel and the full append-only record',
        params: IdParams,
        response: { 200: ConsentHistory },
      },
    },
    async (request, reply) =>
      answer(reply, await consentHistory(deps, request.params.id), (history) => ({
        current: history.current,
        records: history.records.map(toRecord),
      })),
  );

  app.post(
    '/customers/:id/consents',
    {
      preHandler: requirePermission('consent.record'),
      schema: {
        tags,
        summary: 'Record consent given or withdrawn, with the exact wording shown',
        params: IdParams,
        body: ConsentInput,
        response: { 201: ConsentRecorded },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await recordConsent({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          input: request.body,
          source: request.auth?.actor.kind === 'api_key' ? 'api' : 'staff',
        }),
        (record) => ({ record: toRecord(record) }),
        201,
      ),
  );

  app.get(
    '/consent-wordings',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Every consent wording, newest version first per channel; one current each',
        response: { 200: ConsentWordingList },
      },
    },
    async () => ({ wordings: (await listConsentWordings(deps)).map(toWording) }),
  );

  app.put(
    '/consent-wordings',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags,
        summary: 'Set the wording customers are asked to agree to: consent under others is stale',
        body: ConsentWordingBody,
        response: { 200: ConsentWordingAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await setCurrentConsentWording({
          deps,
          actor: actorFrom(request),
          channel: request.body.channel,
          text: request.body.text,
        }),
        (wording) => ({ wording: toWording(wording) }),
      ),
  );

  app.get(
    '/consents/stale',
    {
      // Supervisors, marketers and admins: the same people who see customer lists in Insights.
      preHandler: requirePermission('insights.read'),
      schema: {
        tags,
        summary: 'Consent given that is stale (too old or under a replaced wording), keyset-paged',
        querystring: StaleConsentQuery,
        response: { 200: StaleConsentPage },
      },
    },
    async (request) => {
      const { outletId, afterCustomerId, afterChannel, limit } = request.query;
      const page = await listStaleConsents(deps, {
        outletId,
        after: afterCustomerId
          ? { customerId: afterCustomerId, channel: afterChannel ?? 'sms' }
          : undefined,
        limit: limit ?? 50,
      });
      return {
        items: page.items.map((item) => ({
          customerId: item.customerId,
          customerNumber: item.customerNumber,
          customerName: item.customerName,
          channel: item.channel,
          reasons: item.reasons,
          at: item.at.toISOString(),
          outletName: item.outletName,
        })),
        next: page.next,
      };
    },
  );
};
