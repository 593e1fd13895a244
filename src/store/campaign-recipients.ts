import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { CampaignRecipientState } from './schema.ts';

/**
 * A campaign's recipients, one row each, which are also the sender's outbox: a pending
 * row is a message still owed. A row is claimed (a lease in claimed_until) before its
 * message goes out, and marked sent only after the SMTP server accepted it.
 */
export type NewRecipient = {
  id: string;
  campaignId: string;
  customerId: string;
  state: 'pending' | 'control';
};

/** Inserts recipients; one already there (a start run again after a crash) is kept as it was. */
export async function insertCampaignRecipients(db: Db, rows: NewRecipient[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('campaign_recipients')
    .values(
      rows.map((row) => ({
        id: row.id,
        campaign_id: row.campaignId,
        customer_id: row.customerId,
        state: row.state,
      })),
    )
    .onConflict((conflict) => conflict.columns(['campaign_id', 'customer_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

export type ClaimedRecipient = {
  id: string;
  campaignId: string;
  customerId: string;
  attempts: number;
};

/**
 * Takes the next message owed by a sending campaign until `leaseUntil`, or undefined
 * when none is due. SKIP LOCKED lets several senders drain the outbox side by side
 * without waiting on each other; the lease (not a held lock) marks the message in
 * flight, so no transaction stays open while the SMTP server is talked to.
 *
 * The oldest due row is looked for per sending campaign, in the order of the outbox index
 * (campaign_id, next_attempt_at), so a claim reads one index entry whatever the size of
 * the campaign. Ordered across campaigns instead, it sorted every pending row of every
 * campaign for each message: 38 ms a claim with 63,000 owed, and falling throughput as a
 * 100,000-recipient campaign went on (`npm run bench -- campaigns`). Rows due at the same
 * moment go in index order: which of them goes first does not matter.
 */
export async function claimNextRecipient(
  db: Db,
  { now, leaseUntil }: { now: Date; leaseUntil: Date },
): Promise<ClaimedRecipient | undefined> {
  const result = await sql<{
    id: string;
    campaign_id: string;
    customer_id: string;
    attempts: number;
  }>`
    WITH next AS (
      SELECT first.id FROM campaigns c
      CROSS JOIN LATERAL (
        SELECT r.id, r.next_attempt_at FROM campaign_recipients r
        WHERE r.campaign_id = c.id AND r.state = 'pending' AND r.next_attempt_at <= ${now}
          AND (r.claimed_until IS NULL OR r.claimed_until < ${now})
        ORDER BY r.next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) first
      WHERE c.state = 'sending'
      ORDER BY first.next_attempt_at
      LIMIT 1
    )
    UPDATE campaign_recipients r
    SET claimed_until = ${leaseUntil}, attempts = r.attempts + 1, updated_at = ${now}
    FROM next WHERE r.id = next.id
    RETURNING r.id, r.campaign_id, r.customer_id, r.attempts`.execute(db);
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        campaignId: row.campaign_id,
        customerId: row.customer_id,
        attempts: Number(row.attempts),
      }
    : undefined;
}

type Settled = { id: string; at: Date; consentRecordId?: string | null };

async function settle(
  db: Db,
  { id, at }: Settled,
  changes: {
    state: CampaignRecipientState;
    reason?: string | null;
    consent_record_id?: string | null;
    sent_at?: Date;
    smtp_message_id?: string | null;
    smtp_response?: string | null;
    next_attempt_at?: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign_recipients')
    .set({ ...changes, claimed_until: null, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The SMTP server accepted the message: what it answered is kept as the proof. */
export function markRecipientSent(
  db: Db,
  row: Settled & { messageId: string | null; response: string | null },
): Promise<boolean> {
  return settle(db, row, {
    state: 'sent',
    reason: null,
    consent_record_id: row.consentRecordId ?? null,
    sent_at: row.at,
    smtp_message_id: row.messageId,
    smtp_response: row.response,
  });
}

export function markRecipientSkipped(db: Db, row: Settled & { reason: string }): Promise<boolean> {
  return settle(db, row, {
    state: 'skipped',
    reason: row.reason,
    consent_record_id: row.consentRecordId ?? null,
  });
}

export function markRecipientFailed(db: Db, row: Settled & { reason: string }): Promise<boolean> {
  return settle(db, row, { state: 'failed', reason: row.reason });
}

/** A temporary failure: the row stays owed and is tried again from `retryAt`. */
export function scheduleRecipientRetry(
  db: Db,
  row: Settled & { reason: string; retryAt: Date },
): Promise<boolean> {
  return settle(db, row, { state: 'pending', reason: row.reason, next_attempt_at: row.retryAt });
}

/**
 * A cancelled campaign's messages still owed are skipped, except the one a sender holds
 * right now: that one may already be with the SMTP server, and its sender records how
 * it ended.
 */
export async function skipUnclaimedRecipients(
  db: Db,
  { campaignId, reason, at }: { campaignId: string; reason: string; at: Date },
): Promise<number> {
  const result = await db
    .updateTable('campaign_recipients')
    .set({ state: 'skipped', reason, updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type RecipientCount = { state: CampaignRecipientState; reason: string | null; n: number };

/** How many recipients are in each state (and, skipped or failed, for each reason). */
export async function countCampaignRecipients(
  db: Db,
  campaignId: string,
): Promise<RecipientCount[]> {
  const rows = await db
    .selectFrom('campaign_recipients')
    .select([
      'state',
      sql<string | null>`CASE WHEN state IN ('skipped', 'failed') THEN reason END`.as('reason'),
    ])
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', campaignId)
    .groupBy(['state', sql`2`])
    .execute();
  return rows.map((row) => ({ state: row.state, reason: row.reason, n: Number(row.n) }));
}

export type CustomerCampaignMessage = {
  campaignId: string;
  campaignName: string;
  state: CampaignRecipientState;
  reason: string | null;
  sentAt: Date | null;
};

/** The campaigns a customer was picked for, for their data export. */
export async function selectCampaignRecipientsOfCustomer(
  db: Db,
  customerId: string,
): Promise<CustomerCampaignMessage[]> {
  const rows = await db
    .selectFrom('campaign_recipients as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .select(['r.campaign_id', 'c.name', 'r.state', 'r.reason', 'r.sent_at'])
    .where('r.customer_id', '=', customerId)
    .orderBy('c.created_at')
    .execute();
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    campaignName: row.name,
    state: row.state,
    reason: row.reason,
    sentAt: row.sent_at,
  }));
}

/**
 * Erasure: the rows stay, so a campaign's counts do not change, but what the SMTP server
 * answered (which may repeat the address) and the message id are wiped, and a message
 * still owed is skipped.
 */
export async function scrubCampaignRecipients(db: Db, customerId: string, at: Date): Promise<void> {
  await db
    .updateTable('campaign_recipients')
    .set({ smtp_message_id: null, smtp_response: null, updated_at: at })
    .where('customer_id', '=', customerId)
    .execute();
  await db
    .updateTable('campaign_recipients')
    .set({ state: 'skipped', reason: 'customer_erased', claimed_until: null, updated_at: at })
    .where('customer_id', '=', customerId)
    .where('state', '=', 'pending')
    .execute();
}

/** Claims left by a sender that died; only for a database no other process can use. */
export async function releaseAllClaims(db: Db): Promise<number> {
  const result = await db
    .updateTable('campaign_recipients')
    .set({ claimed_until: null })
    .where('state', '=', 'pending')
    .where('claimed_until', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
