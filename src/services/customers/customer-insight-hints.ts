import {
  affordableReward,
  tillInsight,
  type TillInsight,
} from '../../domain/insights/till-hint.ts';
import type { Reward } from '../../domain/rewards.ts';
import type { Db } from '../../store/database.ts';
import { selectTillInsightRows } from '../../store/insight-hints.ts';
import { selectRewards } from '../../store/loyalty-program.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';

/** A customer's hint once their birthday (opened for the contact mask) is known. */
export type TillInsightOf = (customerId: string, birthday: string | null) => TillInsight | null;

/**
 * The insight hints of customers being shown (the till's attached customer among them):
 * precomputed by the nightly recompute, read with one primary-key query, plus the
 * programme's rewards only when someone has points to spend. The reads need no birthday,
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
  const rows = await selectTillInsightRows(db, ids);
  let rewards: Reward[] = [];
  if ([...rows.values()].some((row) => row.pointsBalance > 0)) {
    const [{ rules }, all] = await Promise.all([rulesAt(db, now), selectRewards(db)]);
    rewards = rules.enabled ? all : [];
  }
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
