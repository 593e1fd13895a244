import {
  affordableReward,
  tillInsight,
  type TillInsight,
} from '../../domain/insights/till-hint.ts';
import { defaultLoyaltyRules, type LoyaltyRules } from '../../domain/loyalty-rules.ts';
import type { Db } from '../../store/database.ts';
import { selectTillInsightRows } from '../../store/insight-hints.ts';

/** A customer's hint once their birthday (opened for the contact mask) is known. */
export type TillInsightOf = (customerId: string, birthday: string | null) => TillInsight | null;

/**
 * The insight hints of customers being shown (the till's attached customer among them):
 * precomputed by the nightly recompute, read with one primary-key query that also brings
 * the loyalty rules in force and the rewards the balance covers. The reads need no birthday,
 * so they run alongside the view's other reads; the birthday is applied afterwards, from
 * the one already opened for the contact mask, and only "birthday soon" leaves, never the
 * date. Customers who objected to profiling or were erased get null.
 */
export async function loadTillInsights({
  db,
  ids,
  now,
}: {
  db: Db;
  ids: string[];
  now: Date;
}): Promise<TillInsightOf> {
  const rows = await selectTillInsightRows(db, { customerIds: ids, at: now });
  const today = now.toISOString().slice(0, 10);
  return (customerId, birthday) => {
    const row = rows.get(customerId);
    if (!row) return null;
    return tillInsight({
      stored: row.stored,
      birthday,
      today,
      reward: loyaltyEnabled(row.loyaltyRules)
        ? affordableReward(row.affordableRewards, row.pointsBalance)
        : null,
    });
  };
}

/** As rulesAt: no programme before the first rules; stored rules over the defaults. */
function loyaltyEnabled(stored: Partial<LoyaltyRules> | null): boolean {
  return stored !== null && { ...defaultLoyaltyRules, ...stored }.enabled;
}
