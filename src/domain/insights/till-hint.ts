import type { Reward } from '../rewards.ts';
import { birthdayWithin, tillBirthdayDays } from './birthdays.ts';
import { daysBetween } from './lapse-rule.ts';
import { topPercent } from './rfm.ts';

/**
 * What the cashier sees about the customer in front of them: no contact detail, only
 * hints worked out from their purchases ("due back every ~3 weeks, last seen 11 weeks
 * ago — welcome them back", "birthday this week", "top 5% customer").
 */
export type TillInsight = {
  /** Their usual gap between visits, whole days; null after a single visit. */
  dueEveryDays: number | null;
  lastSeenDaysAgo: number | null;
  /** Gone quiet by their own rhythm (model) or by the stated rule. */
  lapsed: boolean;
  /** Lapsed and back today: the till suggests welcoming them back. */
  welcomeBack: boolean;
  birthdaySoon: boolean;
  /** 1, 5, 10 or 20 when in that top share by 12-month value; else null. */
  topPercent: number | null;
  segment: string | null;
  method: 'model' | 'rule' | null;
  computedAt: string | null;
  /** The best reward their points pay for now, when the programme has one. */
  suggestedReward: { id: string; name: string; pointsCost: number } | null;
};

export type StoredInsight = {
  computedAt: Date;
  method: 'model' | 'rule';
  typicalGapDays: number | null;
  lastPurchaseOn: string;
  lapsed: boolean;
  valuePercentile: number;
  segment: string;
};

/** The most expensive active reward the balance covers (the most generous offer). */
export function affordableReward(rewards: readonly Reward[], balance: number): Reward | null {
  let best: Reward | null = null;
  for (const reward of rewards) {
    if (!reward.active || reward.pointsCost > balance) continue;
    if (!best || reward.pointsCost > best.pointsCost) best = reward;
  }
  return best;
}

export function tillInsight(input: {
  stored: StoredInsight | null;
  birthday: string | null;
  today: string;
  reward: Reward | null;
}): TillInsight {
  const { stored, today } = input;
  const gap = stored?.typicalGapDays ?? null;
  return {
    dueEveryDays: gap === null ? null : Math.max(1, Math.round(gap)),
    lastSeenDaysAgo: stored ? Math.max(0, daysBetween(stored.lastPurchaseOn, today)) : null,
    lapsed: stored?.lapsed ?? false,
    welcomeBack: stored?.lapsed ?? false,
    birthdaySoon:
      input.birthday !== null && birthdayWithin(input.birthday, today, tillBirthdayDays) !== null,
    topPercent: stored ? topPercent(stored.valuePercentile) : null,
    segment: stored?.segment ?? null,
    method: stored?.method ?? null,
    computedAt: stored?.computedAt.toISOString() ?? null,
    suggestedReward: input.reward
      ? { id: input.reward.id, name: input.reward.name, pointsCost: input.reward.pointsCost }
      : null,
  };
}
