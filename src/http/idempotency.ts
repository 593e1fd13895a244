import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../services/context.ts';
import {
  beginIdempotentRequest,
  finishIdempotentRequest,
  idempotencyScope,
  releaseIdempotentRequest,
  validateIdempotencyKey,
} from '../services/idempotency.ts';
import { sendFailure } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Any mutating call may carry an `Idempotency-Key` header: a retry (say, a till whose
 * network dropped before the answer arrived) gets the first answer instead of doing the
 * work twice; the same key with another body is a 409 with no side effect. Ledger
 * operations additionally record their key inside their own transaction.
 */
export function registerIdempotency(app: FastifyInstance, deps: ServiceDeps): void {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (typeof header !== 'string' || !mutating.has(request.method) || !request.auth) return;
    const key = validateIdempotencyKey(header);
    if (!key.ok) return sendFailure(reply, key);
    const scope = idempotencyScope(request.auth.actor);
    const fingerprint = JSON.stringify([request.method, request.url, request.body ?? null]);
    const begun = await beginIdempotentRequest(deps.db, { scope, key: key.value, fingerprint });
    if (!begun.ok) {
      // The first request with this key is still running: its answer is coming.
      if (begun.code === 'request_in_progress') reply.header('retry-after', '1');
      return sendFailure(reply, begun);
    }
    if (begun.value === 'proceed') {
      request.idempotency = { scope, key: key.value };
      return;
    }
    return reply
      .code(begun.value.status)
      .header('idempotent-replayed', 'true')
      .type(begun.value.contentType ?? 'application/json')
      .send(begun.value.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.idempotency) return payload;
    if (request.routeOptions.config.contactDetails) {
      // Contact details in clear are never stored: the key is freed and a retry runs
      // again (a reveal is read-only but for its audit entry, which then says so twice).
      await releaseIdempotentRequest(deps.db, request.idempotency);
      request.idempotency = null;
      return payload;
    }
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : '';
    await finishIdempotentRequest(deps.db, {
      ...request.idempotency,
      status: reply.statusCode,
      body,
      contentType: (reply.getHeader('content-type') as string | undefined) ?? null,
    });
    request.idempotency = null;
    return payload;
  });
}
