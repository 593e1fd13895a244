import type { Db } from './database.ts';

export type StoredAnswer = {
  requestHash: Buffer;
  status: number | null;
  body: string | null;
  contentType: string | null;
};

/** Claims the key; returns null when this call is the first, else what is stored. */
export async function claimIdempotencyKey(
  db: Db,
  claim: { scope: string; key: string; requestHash: Buffer },
): Promise<StoredAnswer | null> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope: claim.scope, key: claim.key, request_hash: claim.requestHash })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body', 'response_type'])
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  return {
    requestHash: row.request_hash,
    status: row.response_status,
    body: row.response_body,
    contentType: row.response_type,
  };
}

export async function completeIdempotencyKey(
  db: Db,
  answer: { scope: string; key: string; status: number; body: string; contentType: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      response_status: answer.status,
      response_body: answer.body,
      response_type: answer.contentType,
      completed_at: new Date(),
    })
    .where('scope', '=', answer.scope)
    .where('key', '=', answer.key)
    .execute();
}

/** Frees a key whose request failed on our side, so the caller's retry can run. */
export async function releaseIdempotencyKey(
  db: Db,
  claim: { scope: string; key: string },
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('response_status', 'is', null)
    .execute();
}

export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}
