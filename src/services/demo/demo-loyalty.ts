import { minor, points } from '../../domain/units.ts';
import { defaultLoyaltyRules } from '../../domain/loyalty-rules.ts';
import { insertRuleVersion } from '../../store/loyalty-program.ts';
import { systemActor, type ServiceDeps } from '../platform/context.ts';
import { recomputeGroups, saveGroup } from '../customers/customer-groups.ts';
import { savePromotion, saveReward } from '../loyalty/loyalty-program.ts';

/**
 * The demo programme, set up before the demo's purchase history so those sales earn
 * points: one point per 1.00, books excluded, knitwear earning double; rewards at 250,
 * 500 and 1,000 points; a double-denim promotion running this month; a VIP tier by
 * spend and a Regulars tier by visits.
 */
export async function seedDemoLoyalty(deps: ServiceDeps): Promise<void> {
  const now = deps.now();
  // In force since before the oldest demo sale (the history goes back eighteen months).
  await insertRuleVersion(deps.db, {
    rules: {
      ...defaultLoyaltyRules,
      spendPerPoint: 100,
      excludedCategories: ['books'],
      categoryMultipliers: { knitwear: 20_000 },
      signupBonus: points(50),
      expiryMonths: 24,
    },
    effectiveFrom: new Date(now.getTime() - 2 * 365 * 86_400_000),
    staffId: null,
    at: now,
  });
  await saveReward({
    deps,
    actor: systemActor,
    input: {
      name: 'Socks on us',
      pointsCost: points(250),
      kind: 'free_product',
      amount: null,
      percentBp: null,
      productSku: 'SOCK-3PK',
    },
  });
  await saveReward({
    deps,
    actor: systemActor,
    input: {
      name: '5.00 off',
      pointsCost: points(500),
      kind: 'amount_off',
      amount: minor(500),
      percentBp: null,
      productSku: null,
    },
  });
  await saveReward({
    deps,
    actor: systemActor,
    input: {
      name: '15% off today',
      pointsCost: points(1000),
      kind: 'percent_off',
      amount: null,
      percentBp: 1500,
      productSku: null,
    },
  });
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  await savePromotion({
    deps,
    actor: systemActor,
    input: {
      name: 'Double points on denim',
      kind: 'multiplier',
      multiplierBp: 20_000,
      categories: ['denim'],
      startsAt: monthStart.toISOString(),
      endsAt: monthEnd.toISOString(),
    },
  });
  await saveGroup({
    deps,
    actor: systemActor,
    input: {
      name: 'VIP',
      kind: 'rule',
      rule: { type: 'spend', minSpend: minor(30_000), months: 12 },
      discountBp: 500,
      earnMultiplierBp: 15_000,
    },
  });
  await saveGroup({
    deps,
    actor: systemActor,
    input: {
      name: 'Regulars',
      kind: 'rule',
      rule: { type: 'visits', minVisits: 3, days: 90 },
      discountBp: 0,
      earnMultiplierBp: 12_500,
    },
  });
}

/** After the demo history is in: the tiers reflect it. */
export async function finishDemoLoyalty(deps: ServiceDeps): Promise<void> {
  await recomputeGroups(deps);
}
