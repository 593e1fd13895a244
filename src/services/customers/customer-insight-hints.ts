import {
  affordableReward,
  tillInsight,
  type TillInsight,
} from '../../domain/insights/till-hint.ts';
import type { Db } from '../../store/database.ts';
import { selectTillInsightRows } from '../../store/insight-hints.ts';
import { rewardsOnOffer } from '../loyalty/loyalty-program.ts';

/** A customer's hint once their birthday (opened for the contact mask) is known. */
export type TillInsightOf = (customerId: string, birthday: string | null) => TillInsight | null;

/**
 * The insight hints of customers being shown (the till's attached customer among them):
 * precomputed by the nightly recompute, read with one primary-key query, and the rewards
 * on offer (kept in memory a few seconds: no query most times). The reads need no birthday,
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
  // Both reads go out at once; the offer is usually kept in memory and costs no query.
  const [rows, rewards] = await Promise.all([selectTillInsightRows(db, ids), rewardsOnOffer(db)]);
  const today = now.toISOString().slice(0, 10);
  return (customerId, birthday) => {
    const row = rows.get(customerId);
    if (!row) return null;
    return tillInsight({
      stored: row.stored,
      birthday,
      today,
      reward: affordableReward(rewards, row.pointsBalance),
    });
  };
}
