import { fail, ok, type Result } from '../domain/result.ts';
import type { Db } from '../store/database.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from '../store/idempotency.ts';
import type { Actor } from './context.ts';
import { sameDigest, sha256 } from './secrets.ts';

export type Replay = { status: number; body: string; contentType: string | null };

/** Keys are per caller: two tills may use the same key without meeting. */
export function idempotencyScope(actor: Actor): string {
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  if (actor.kind === 'api_key') return `api_key:${actor.apiKeyId}`;
  return 'system';
}

export function validateIdempotencyKey(key: string): Result<string> {
  return /^[\x21-\x7e]{1,200}$/.test(key)
    ? ok(key)
    : fail('validation_failed', 'Idempotency-Key must be 1–200 visible ASCII characters', {
        field: 'Idempotency-Key',
      });
}

/**
 * First call: `proceed`. A retry of a finished call: its stored answer. The same key
 * with a different request, or while the first is still running: a coded conflict.
 */
export async function beginIdempotentRequest(
  db: Db,
  request: { scope: string; key: string; fingerprint: string },
): Promise<Result<'proceed' | Replay>> {
  const requestHash = sha256(request.fingerprint);
  const stored = await claimIdempotencyKey(db, {
    scope: request.scope,
    key: request.key,
    requestHash,
  });
  if (stored === null) return ok('proceed');
  if (!sameDigest(stored.requestHash, requestHash)) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request; nothing was changed',
      {
        field: 'Idempotency-Key',
      },
    );
  }
  if (stored.status === null || stored.body === null) {
    return fail(
      'request_in_progress',
      'The first request with this Idempotency-Key is still running; retry shortly',
    );
  }
  return ok({ status: stored.status, body: stored.body, contentType: stored.contentType });
}

export async function finishIdempotentRequest(
  db: Db,
  answer: { scope: string; key: string; status: number; body: string; contentType: string | null },
): Promise<void> {
  // Our own failures, and refusals that depend on who is asking or when (sign-in,
  // permission, rate limit), are not answers worth replaying: free the key for the retry.
  if (answer.status >= 500 || [401, 403, 429].includes(answer.status)) {
    await releaseIdempotencyKey(db, answer);
  } else await completeIdempotencyKey(db, answer);
}

/** Frees a claimed key without keeping the answer: a retry then runs afresh. */
export async function releaseIdempotentRequest(
  db: Db,
  claim: { scope: string; key: string },
): Promise<void> {
  await releaseIdempotencyKey(db, claim);
}
