import { sql, type Selectable } from 'kysely';
import type { LoyaltyRules } from '../domain/loyalty-rules.ts';
import type { Reward } from '../domain/rewards.ts';
import type { Db } from './database.ts';
import { toReward } from './loyalty-program.ts';
import type { LoyaltyRewardsTable } from './schema.ts';
import { toStoredInsight, type StoredInsightRow } from './insights.ts';
import { openToProfiling } from './profiling.ts';

export type TillInsightRow = {
  stored: StoredInsightRow | null;
  pointsBalance: number;
  /** The loyalty rules in force (as stored; null before any), for whether rewards apply. */
  loyaltyRules: Partial<LoyaltyRules> | null;
  /** Active rewards the balance covers, cheapest first. */
  affordableRewards: Reward[];
};

/**
 * What the till's insight hints need for `customerIds`, in one query on primary keys:
 * the precomputed scores (if any), the points balance, the loyalty rules in force and the
 * rewards the balance covers (both tiny; one round trip rather than three keeps the
 * badge from adding to the look-up). Customers who objected to
 * profiling, were erased or merged are absent from the map: they get no hints at all.
 */
export async function selectTillInsightRows(
  db: Db,
  { customerIds, at }: { customerIds: string[]; at: Date },
): Promise<Map<string, TillInsightRow>> {
  if (customerIds.length === 0) return new Map();
  const rows = await sql<Record<string, unknown>>`
    SELECT c.id AS profiled_id, ci.*, ci.first_purchase_on::text AS first_on,
      ci.last_purchase_on::text AS last_on, ci.next_due_on::text AS due_on,
      coalesce(la.balance, 0) AS points_balance,
      (SELECT v.rules FROM loyalty_rule_versions v WHERE v.effective_from <= ${at}
        ORDER BY v.effective_from DESC, v.version DESC LIMIT 1) AS loyalty_rules,
      (SELECT coalesce(json_agg(r ORDER BY r.points_cost), '[]') FROM loyalty_rewards r
        WHERE r.active AND r.points_cost <= coalesce(la.balance, 0)) AS rewards
    FROM customers c
    LEFT JOIN customer_insights ci ON ci.customer_id = c.id
    LEFT JOIN loyalty_accounts la ON la.customer_id = c.id
    WHERE c.id = ANY(${customerIds}::uuid[]) AND c.status = 'active' AND ${openToProfiling('c')}
  `.execute(db);
  return new Map(
    rows.rows.map((row) => [
      String(row.profiled_id),
      {
        stored: row.customer_id === null ? null : toStoredInsight(row),
        pointsBalance: Number(row.points_balance),
        loyaltyRules: (row.loyalty_rules as Partial<LoyaltyRules> | null) ?? null,
        affordableRewards: (row.rewards as Selectable<LoyaltyRewardsTable>[]).map(toReward),
      },
    ]),
  );
}
