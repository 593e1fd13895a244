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

/**
 * The insight hints of customers being shown (the till's attached customer among them):
 * precomputed by the nightly recompute, read with one primary-key query, plus the
 * programme's rewards only when someone has points to spend. The birthday is the one
 * already opened for the contact mask; only "birthday soon" leaves, never the date.
 * Customers who objected to profiling or were erased get null.
 */
export async function loadTillInsights({
  db,
  customers,
  now,
}: {
  db: Db;
  customers: { id: string; birthday: string | null }[];
  now: Date;
}): Promise<Map<string, TillInsight>> {
  const rows = await selectTillInsightRows(
    db,
    customers.map((customer) => customer.id),
  );
  let rewards: Reward[] = [];
  if ([...rows.values()].some((row) => row.pointsBalance > 0)) {
    const [{ rules }, all] = await Promise.all([rulesAt(db, now), selectRewards(db)]);
    rewards = rules.enabled ? all : [];
  }
  const today = now.toISOString().slice(0, 10);
  const hints = new Map<string, TillInsight>();
  for (const customer of customers) {
    const row = rows.get(customer.id);
    if (!row) continue;
    hints.set(
      customer.id,
      tillInsight({
        stored: row.stored,
        birthday: customer.birthday,
        today,
        reward: affordableReward(rewards, row.pointsBalance),
      }),
    );
  }
  return hints;
}
