import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  consentHistory,
  recordConsent,
  type ConsentRecordView,
} from '../../services/customers/consents.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
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
};
