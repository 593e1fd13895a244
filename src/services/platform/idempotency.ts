import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import {
  completeIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyClaim,
  releaseIdempotencyKey,
  renewIdempotencyClaims,
  updateIdempotencyClaimHolder,
  type StoredKey,
} from '../../store/idempotency.ts';
import type { Actor } from './context.ts';
import { sameDigest, sha256 } from './secrets.ts';

export type Replay = { status: number; body: string; contentType: string | null };

/** A key this request holds until it answers. */
export type Claim = { scope: string; key: string; claimId: string };

export type Answer = { status: number; body: string; contentType: string | null };

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

export type ClaimSettings = {
  /**
   * This process alone opens the database (embedded PGlite locks its data directory), so
   * an unanswered key it does not hold belongs to a process that died: taken over at once.
   * Otherwise (PostgreSQL, perhaps shared by several servers) a claim is dead when its
   * lease has run out.
   */
  exclusive: boolean;
  /** How long a claim outlives its server's last heartbeat (renewed every quarter of it). */
  leaseMs?: number;
  /** A heartbeat that failed (the database unreachable): the claims may lapse meanwhile. */
  onError?: (error: unknown) => void;
};

/**
 * One server process's hold on the Idempotency-Keys of the requests it is running.
 *
 * A key is "in progress" only while a live request holds it: `begin` claims a new key, or
 * takes over one whose holder died (its server crashed or was killed between claiming and
 * answering), so the caller's retry runs the request again instead of waiting a day. A
 * rerun is safe where it matters: sales, returns, voids and ledger entries record the key
 * inside their own transaction, so the rerun finds the work already committed and answers
 * with it.
 */
export type IdempotencyClaims = {
  /** The first call (or the retry of one that died): a claim. A finished call: its answer. */
  begin: (request: {
    scope: string;
    key: string;
    fingerprint: string;
  }) => Promise<Result<{ claim: Claim } | { replay: Replay }>>;
  /** Keeps the answer for retries, or frees the key when the answer is not worth keeping. */
  finish: (claim: Claim, answer: Answer) => Promise<void>;
  /** Frees the key without keeping anything: a retry runs afresh. */
  release: (claim: Claim) => Promise<void>;
  /** Claims of requests running now (what the heartbeat renews). */
  held: () => number;
  /** Stops the heartbeat: the server is closing. */
  close: () => void;
};

const defaultLeaseMs = 10_000;

// Our own failures, and refusals that depend on who is asking or when (sign-in,
// permission, rate limit), are not answers worth replaying: the retry runs again.
const notKept = (status: number) => status >= 500 || [401, 403, 429].includes(status);

export function idempotencyClaims(db: Db, settings: ClaimSettings): IdempotencyClaims {
  const leaseMs = settings.leaseMs ?? defaultLeaseMs;
  const live = new Map<string, Claim>();
  let heartbeat: NodeJS.Timeout | null = null;

  const beat = () => {
    renewIdempotencyClaims(db, [...live.values()], leaseMs).catch((error: unknown) =>
      settings.onError?.(error),
    );
  };
  const hold = (claim: Claim): Claim => {
    live.set(claim.claimId, claim);
    // Only a shared database needs the lease kept fresh; an idle server sends nothing.
    if (!settings.exclusive && heartbeat === null) {
      heartbeat = setInterval(beat, leaseMs / 4);
      heartbeat.unref();
    }
    return claim;
  };
  const drop = (claim: Claim) => {
    live.delete(claim.claimId);
    if (live.size === 0 && heartbeat !== null) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  };
  const heldByLiveRequest = (stored: StoredKey) =>
    stored.claimId !== null && live.has(stored.claimId)
      ? true
      : !settings.exclusive && stored.leaseLive;

  const begin: IdempotencyClaims['begin'] = async ({ scope, key, fingerprint }) => {
    const requestHash = sha256(fingerprint);
    // A few rounds: the key may be freed, answered or taken by a racing retry meanwhile.
    for (let round = 0; round < 3; round++) {
      const claim = { scope, key, claimId: randomUUID() };
      if (await insertIdempotencyClaim(db, { ...claim, requestHash, leaseMs })) {
        return ok({ claim: hold(claim) });
      }
      const stored = await findIdempotencyKey(db, { scope, key });
      if (!stored) continue;
      if (!sameDigest(stored.requestHash, requestHash)) {
        return fail(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request; nothing was changed',
          { field: 'Idempotency-Key' },
        );
      }
      if (stored.status !== null && stored.body !== null) {
        return ok({
          replay: { status: stored.status, body: stored.body, contentType: stored.contentType },
        });
      }
      if (heldByLiveRequest(stored)) break;
      const takenOver = await updateIdempotencyClaimHolder(db, {
        ...claim,
        previousClaimId: stored.claimId,
        leaseMs,
        evenIfLeased: settings.exclusive,
      });
      if (takenOver) return ok({ claim: hold(claim) });
    }
    return fail(
      'request_in_progress',
      'An earlier attempt of this request (same Idempotency-Key) is still running: try again in a moment; it will not be done twice',
    );
  };

  return {
    begin,
    finish: async (claim, answer) => {
      try {
        if (notKept(answer.status)) await releaseIdempotencyKey(db, claim);
        else await completeIdempotencyKey(db, { ...claim, ...answer });
      } finally {
        drop(claim);
      }
    },
    release: async (claim) => {
      try {
        await releaseIdempotencyKey(db, claim);
      } finally {
        drop(claim);
      }
    },
    held: () => live.size,
    close: () => {
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
    },
  };
}
