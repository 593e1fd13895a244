import { sql } from 'kysely';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';

/** The latest email consent record of a customer: the one a message may rely on. */
export type LatestEmailConsent = {
  id: string;
  granted: boolean;
  wordingId: string | null;
  at: Date;
};

export async function findLatestEmailConsent(
  db: Db,
  customerId: string,
): Promise<LatestEmailConsent | undefined> {
  const row = await db
    .selectFrom('consent_records')
    .select(['id', 'granted', 'wording_id', 'recorded_at'])
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'email')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { id: row.id, granted: row.granted, wordingId: row.wording_id, at: row.recorded_at }
    : undefined;
}

/** The outlet of the customer's latest purchase, for the {{outlet}} merge field. */
export async function findLastVisitOutletName(db: Db, customerId: string): Promise<string | null> {
  const result = await sql<{ name: string }>`
    SELECT o.name FROM sales s JOIN outlets o ON o.id = s.outlet_id
    WHERE s.customer_id = ${customerId} AND s.kind = 'sale'
    ORDER BY s.completed_at DESC LIMIT 1`.execute(db);
  return result.rows[0]?.name ?? null;
}

/** The stored definition of the segment a campaign was made from (segments in use stay). */
export async function findCampaignSegmentDefinition(
  db: Db,
  campaignId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .innerJoin('customer_segments', 'customer_segments.id', 'campaigns.segment_id')
    .select('customer_segments.definition')
    .where('campaigns.id', '=', campaignId)
    .executeTakeFirst();
  return row?.definition;
}

/** Whether the customer may be profiled now: the one predicate (profiling.ts). */
export async function isOpenToProfiling(db: Db, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select(openToProfiling().as('open'))
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row?.open === true;
}
