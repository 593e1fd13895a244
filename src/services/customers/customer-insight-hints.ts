import {
  affordableReward,
  tillInsight,
  type TillInsight,
} from '../../domain/insights/till-hint.ts';
import type { CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  selectTillInsightRows,
  type CustomerWithHintRow,
  type TillInsightRow,
} from '../../store/insight-hints.ts';
import { rewardsOnOffer } from '../loyalty/loyalty-program.ts';

/** A customer's hint once their birthday (opened for the contact mask) is known. */
export type TillInsightOf = (customerId: string, birthday: string | null) => TillInsight | null;

/**
 * The insight hints of customers being shown (the till's attached customer among them),
 * precomputed by the nightly recompute. A look-up reads them with the customer row
 * (`findCustomerWithHintById`, `selectCustomerPageWithHints`): no query of their own. A
 * row read without them (a view built from a row just written) gets them by one
 * primary-key query. The rewards on offer are kept in memory a few seconds: no query
 * most times. The reads need no birthday, so they run alongside the view's other reads;
 * the birthday is applied afterwards, from the one already opened for the contact mask,
 * and only "birthday soon" leaves, never the date. Customers who objected to profiling
 * or were erased get null.
 */
export async function loadTillInsights({
  db,
  rows,
  now,
}: {
  db: Db;
  rows: (CustomerRow | CustomerWithHintRow)[];
  now: Date;
}): Promise<TillInsightOf> {
  const hints = new Map<string, TillInsightRow>();
  const unread: string[] = [];
  for (const row of rows) {
    if (!('tillHint' in row)) unread.push(row.id);
    else if (row.tillHint) hints.set(row.id, row.tillHint);
  }
  // Without a hint to show, the rewards are not needed either.
  const [read, rewards] = await Promise.all([
    selectTillInsightRows(db, unread),
    unread.length > 0 || hints.size > 0 ? rewardsOnOffer(db) : [],
  ]);
  for (const [id, hint] of read) hints.set(id, hint);
  const today = now.toISOString().slice(0, 10);
  return (customerId, birthday) => {
    const hint = hints.get(customerId);
    if (!hint) return null;
    return tillInsight({
      stored: hint.stored,
      birthday,
      today,
      reward: affordableReward(rewards, hint.pointsBalance),
    });
  };
}
