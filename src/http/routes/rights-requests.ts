import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fail } from '../../domain/result.ts';
import {
  completeRightsRequest,
  listCustomerRightsRequests,
  listOpenRightsRequests,
  openRightsRequest,
  type RightsRequestView,
} from '../../services/customers/rights-requests.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer, scopedIdempotencyKey } from '../route-helpers.ts';
import { IdParams } from '../schemas/platform.ts';
import {
  RightsRequestAnswer,
  RightsRequestCompletion,
  RightsRequestInput,
  RightsRequestList,
  RightsRequestQuery,
  type RightsRequest,
} from '../schemas/rights-requests.ts';
import type { RouteOptions } from './options.ts';

function shape(row: RightsRequestView): RightsRequest {
  return {
    id: row.id,
    customer: { id: row.customerId, number: row.customerNumber, name: row.customerName },
    kind: row.kind,
    requestedAt: row.requestedAt.toISOString(),
    requestedBy: row.requestedBy,
    receivedBy: row.receivedByName,
    dueAt: row.dueAt.toISOString(),
    overdue: row.overdue,
    doneAt: row.doneAt?.toISOString() ?? null,
    doneBy: row.doneByName,
    outcome: row.outcome,
    note: row.note,
  };
}

/**
 * The register of data-subject requests (export, erasure, objection): recorded when they
 * arrive, listed until done, closed with what was done. Supervisors and admins only.
 */
export const rightsRequestRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps },
) => {
  const tags = ['rights requests'];
  const manage = requirePermission('rights.manage');

  app.post(
    '/customers/:id/rights-requests',
    {
      preHandler: manage,
      schema: {
        tags,
        summary:
          'Record a customer’s request to export, erase or object; due in one calendar month (Idempotency-Key required)',
        params: IdParams,
        body: RightsRequestInput,
        response: { 201: RightsRequestAnswer },
      },
    },
    async (request, reply) => {
      const key = scopedIdempotencyKey(request);
      if (!key.ok) return sendFailure(reply, key);
      return answer(
        reply,
        await openRightsRequest({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          input: { ...request.body, idempotencyKey: key.value },
        }),
        (opened) => ({ request: shape(opened) }),
        201,
      );
    },
  );

  app.post(
    '/rights-requests/:id/complete',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Mark a request done, saying what was done; a request is closed once',
        params: IdParams,
        body: RightsRequestCompletion,
        response: { 200: RightsRequestAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await completeRightsRequest({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          outcome: request.body.outcome,
        }),
        (done) => ({ request: shape(done) }),
      ),
  );

  app.get(
    '/rights-requests',
    {
      preHandler: manage,
      schema: {
        tags,
        summary:
          'The open requests, soonest due first; with customerId, that customer’s requests (open=false: done ones too)',
        querystring: RightsRequestQuery,
        response: { 200: RightsRequestList },
      },
    },
    async (request, reply) => {
      const { customerId, open = true } = request.query;
      if (customerId === undefined) {
        if (!open) {
          return sendFailure(
            reply,
            fail('validation_failed', 'Done requests are listed per customer: give customerId', {
              field: 'open',
            }),
          );
        }
        return { requests: (await listOpenRightsRequests(deps)).map(shape) };
      }
      return answer(reply, await listCustomerRightsRequests(deps, customerId), (rows) => ({
        requests: rows.filter((row) => !open || row.doneAt === null).map(shape),
      }));
    },
  );
};
