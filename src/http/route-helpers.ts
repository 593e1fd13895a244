import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail, type Result } from '../domain/result.ts';
import { idempotencyScope, validateIdempotencyKey } from '../services/platform/idempotency.ts';
import { actorFrom } from './authentication.ts';
import { sendFailure } from './errors.ts';

/**
 * Money-moving calls (sales, returns, voids, ledger changes) must carry an
 * Idempotency-Key; it is scoped to the caller, so two tills' "1" never meet.
 */
export function scopedIdempotencyKey(request: FastifyRequest): Result<string> {
  const header = request.headers['idempotency-key'];
  if (typeof header !== 'string') {
    return fail('validation_failed', 'Idempotency-Key header is required for this request', {
      field: 'Idempotency-Key',
    });
  }
  const key = validateIdempotencyKey(header);
  if (!key.ok) return key;
  return { ok: true, value: `${idempotencyScope(actorFrom(request))}:${key.value}` };
}

/** Sends a service result: the value (through `shape`) on success, problem+json otherwise. */
export function answer<T>(
  reply: FastifyReply,
  result: Result<T>,
  shape: (value: T) => unknown = (value) => value,
  status = 200,
): FastifyReply {
  if (!result.ok) return sendFailure(reply, result);
  return reply.code(status).send(shape(result.value));
}
