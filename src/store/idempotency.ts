import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * What is stored under a key. `claimId` names the request that holds it while it is
 * unanswered; `leaseLive` says whether its holder's lease still runs (by the database's
 * clock, so servers whose clocks differ agree).
 */
export type StoredKey = {
  requestHash: Buffer;
  status: number | null;
  body: string | null;
  contentType: string | null;
  claimId: string | null;
  leaseLive: boolean;
};

type KeyRef = { scope: string; key: string };
type ClaimRef = KeyRef & { claimId: string };

const leaseFromNow = (leaseMs: number) =>
  sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;

/** Claims a key nobody used yet; false when it is already stored (answered or claimed). */
export async function insertIdempotencyClaim(
  db: Db,
  claim: ClaimRef & { requestHash: Buffer; leaseMs: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      claim_id: claim.claimId,
      lease_until: leaseFromNow(claim.leaseMs),
    })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findIdempotencyKey(db: Db, ref: KeyRef): Promise<StoredKey | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select([
      'request_hash',
      'response_status',
      'response_body',
      'response_type',
      'claim_id',
      sql<boolean>`coalesce(lease_until > now(), false)`.as('lease_live'),
    ])
    .where('scope', '=', ref.scope)
    .where('key', '=', ref.key)
    .executeTakeFirst();
  if (!row) return null;
  return {
    requestHash: row.request_hash,
    status: row.response_status,
    body: row.response_body,
    contentType: row.response_type,
    claimId: row.claim_id,
    leaseLive: row.lease_live,
  };
}

/**
 * Hands an unanswered key from a dead holder to a new claim. Only if the holder is still
 * the one the caller saw (two retries racing: one wins) and, unless `evenIfLeased`, its
 * lease has run out. True when the key is now the new claim's.
 */
export async function updateIdempotencyClaimHolder(
  db: Db,
  takeover: ClaimRef & { previousClaimId: string | null; leaseMs: number; evenIfLeased: boolean },
): Promise<boolean> {
  const updated = await db
    .updateTable('idempotency_keys')
    .set({ claim_id: takeover.claimId, lease_until: leaseFromNow(takeover.leaseMs) })
    .where('scope', '=', takeover.scope)
    .where('key', '=', takeover.key)
    .where('response_status', 'is', null)
    .where('claim_id', 'is not distinct from', takeover.previousClaimId)
    .$if(!takeover.evenIfLeased, (query) =>
      query.where(sql<boolean>`coalesce(lease_until <= now(), true)`),
    )
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** The heartbeat of a server's running requests: their claims stay theirs a while longer. */
export async function renewIdempotencyClaims(
  db: Db,
  claims: readonly ClaimRef[],
  leaseMs: number,
): Promise<void> {
  if (claims.length === 0) return;
  await db
    .updateTable('idempotency_keys')
    .set({ lease_until: leaseFromNow(leaseMs) })
    // By primary key: the table holds a day of answers, the heartbeat touches a few rows.
    .where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('scope', 'key'),
        'in',
        claims.map((claim) => tuple(claim.scope, claim.key)),
      ),
    )
    .where(
      'claim_id',
      'in',
      claims.map((claim) => claim.claimId),
    )
    .where('response_status', 'is', null)
    .execute();
}

/** Records the answer, if the claim is still this request's; false when it was taken over. */
export async function completeIdempotencyKey(
  db: Db,
  answer: ClaimRef & { status: number; body: string; contentType: string | null },
): Promise<boolean> {
  const updated = await db
    .updateTable('idempotency_keys')
    .set({
      response_status: answer.status,
      response_body: answer.body,
      response_type: answer.contentType,
      completed_at: new Date(),
      lease_until: null,
    })
    .where('scope', '=', answer.scope)
    .where('key', '=', answer.key)
    .where('claim_id', '=', answer.claimId)
    .where('response_status', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Frees a key this request claimed and will not answer for, so the caller's retry runs. */
export async function releaseIdempotencyKey(db: Db, claim: ClaimRef): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('claim_id', '=', claim.claimId)
    .where('response_status', 'is', null)
    .execute();
}

export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}
