import { sql } from 'kysely';
import type { Db } from './database.ts';

export type GroupOutcome = {
  group: 'sent' | 'control';
  size: number;
  /** Recipients with at least one purchase in the window. */
  returned: number;
  purchases: number;
  /** Purchase totals in minor units, per currency (one shop may trade in several). */
  spend: { currency: string; amount: number }[];
};

/**
 * Purchases within `days` of the message for those sent it, and within `days` of the
 * campaign's start for the control group (who were never sent anything): the same
 * window length for both, so the difference is the campaign's uplift. Voided sales and
 * returns are not counted.
 */
export async function selectGroupOutcomes(
  db: Db,
  { campaignId, startedAt, days }: { campaignId: string; startedAt: Date; days: number },
): Promise<GroupOutcome[]> {
  const result = await sql<{
    grp: 'sent' | 'control';
    currency: string | null;
    size: number | string;
    returned: number | string;
    purchases: number | string;
    spend: number | string;
  }>`
    WITH members AS (
      SELECT r.customer_id, r.state AS grp,
        CASE WHEN r.state = 'sent' THEN r.sent_at ELSE ${startedAt}::timestamptz END AS since
      FROM campaign_recipients r
      WHERE r.campaign_id = ${campaignId} AND r.state IN ('sent', 'control')
    ),
    sizes AS (SELECT grp, count(*) AS size FROM members GROUP BY grp),
    bought AS (
      SELECT m.grp, s.currency, count(DISTINCT s.customer_id) AS returned,
        count(*) AS purchases, sum(s.total) AS spend
      FROM members m
      JOIN sales s ON s.customer_id = m.customer_id AND s.kind = 'sale'
        AND s.voided_at IS NULL AND s.completed_at >= m.since
        AND s.completed_at < m.since + make_interval(days => ${days})
      GROUP BY m.grp, s.currency
    )
    SELECT z.grp, b.currency, z.size, coalesce(b.returned, 0) AS returned,
      coalesce(b.purchases, 0) AS purchases, coalesce(b.spend, 0) AS spend
    FROM sizes z LEFT JOIN bought b ON b.grp = z.grp`.execute(db);
  const outcomes = new Map<'sent' | 'control', GroupOutcome>();
  for (const group of ['sent', 'control'] as const) {
    outcomes.set(group, { group, size: 0, returned: 0, purchases: 0, spend: [] });
  }
  for (const row of result.rows) {
    const outcome = outcomes.get(row.grp);
    if (!outcome) continue;
    outcome.size = Number(row.size);
    // With several currencies a customer may be counted once per currency: take the most.
    outcome.returned = Math.max(outcome.returned, Number(row.returned));
    outcome.purchases += Number(row.purchases);
    if (row.currency !== null) {
      const amount = Number(row.spend);
      if (!Number.isSafeInteger(amount)) throw new Error('campaign spend is not a safe integer');
      outcome.spend.push({ currency: row.currency, amount });
    }
  }
  return [...outcomes.values()];
}

/** Withdrawals recorded through this campaign's unsubscribe links. */
export async function countUnsubscribes(db: Db, source: string): Promise<number> {
  return countConsentRecordsFrom(db, { source, granted: false });
}

/** Consent given again through this campaign's re-confirm links. */
export async function countReconfirmations(db: Db, source: string): Promise<number> {
  return countConsentRecordsFrom(db, { source, granted: true });
}

async function countConsentRecordsFrom(
  db: Db,
  { source, granted }: { source: string; granted: boolean },
): Promise<number> {
  const row = await db
    .selectFrom('consent_records')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('source', '=', source)
    .where('granted', '=', granted)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
