import { noMoney, type Minor, type Points } from '../../domain/units.ts';
import type { Promotion } from '../../domain/loyalty-earning.ts';
import {
  defaultLoyaltyRules,
  validateLoyaltyRules,
  type LoyaltyRules,
} from '../../domain/loyalty-rules.ts';
import { invalid, fail, ok, type Result } from '../../domain/result.ts';
import { validateReward, type Reward, type RewardInput } from '../../domain/rewards.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import {
  findReward,
  insertRuleVersion,
  selectPromotions,
  selectRewards,
  selectRuleVersionAt,
  selectRuleVersions,
  upsertPromotion,
  upsertReward,
  type RuleVersion,
} from '../../store/loyalty-program.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { perDatabaseCache } from '../platform/per-database-cache.ts';

/** Without any version the program is off: nothing is earned, nothing can be spent. */
export async function rulesAt(
  db: Db,
  at: Date,
): Promise<{ version: number | null; rules: LoyaltyRules }> {
  const found = await selectRuleVersionAt(db, at);
  return found
    ? { version: found.version, rules: { ...defaultLoyaltyRules, ...found.rules } }
    : { version: null, rules: { ...defaultLoyaltyRules, enabled: false } };
}

/**
 * The rewards a customer's points could pay for right now: every active reward while the
 * programme runs, none when it does not. The till's hint for an attached customer needs
 * this on every look-up and it changes rarely, so it is kept a few seconds per database
 * (a change made here is seen at once).
 */
const offer = perDatabaseCache(
  async (db) => {
    const [{ rules }, rewards] = await Promise.all([rulesAt(db, new Date()), selectRewards(db)]);
    return rules.enabled ? rewards.filter((reward) => reward.active) : [];
  },
  { millis: 5_000 },
);

export function rewardsOnOffer(db: Db): Promise<Reward[]> {
  return offer.get(db);
}

export type LoyaltyProgramView = {
  current: { version: number | null; rules: LoyaltyRules };
  versions: { version: number; effectiveFrom: string; rules: LoyaltyRules }[];
  promotions: (Promotion & { active: boolean })[];
  rewards: Reward[];
};

export async function loyaltyProgram(deps: ServiceDeps): Promise<LoyaltyProgramView> {
  const [current, versions, promotions, rewards] = await Promise.all([
    rulesAt(deps.db, deps.now()),
    selectRuleVersions(deps.db),
    selectPromotions(deps.db),
    selectRewards(deps.db),
  ]);
  return {
    current,
    versions: versions.map((version: RuleVersion) => ({
      version: version.version,
      effectiveFrom: version.effectiveFrom.toISOString(),
      rules: version.rules,
    })),
    promotions,
    rewards,
  };
}

/**
 * A rule change is a new version, in force from `effectiveFrom` (now by default; never
 * in the past, so no sale already made changes what it earned).
 */
export async function changeLoyaltyRules({
  deps,
  actor,
  changes,
}: {
  deps: ServiceDeps;
  actor: Actor;
  changes: Partial<LoyaltyRules> & { effectiveFrom?: string };
}): Promise<Result<{ version: number; rules: LoyaltyRules }>> {
  const { effectiveFrom, ...patch } = changes;
  const now = deps.now();
  const from = effectiveFrom ? new Date(effectiveFrom) : now;
  if (Number.isNaN(from.getTime()) || from.getTime() < now.getTime() - 60_000) {
    return invalid('effectiveFrom', 'effectiveFrom must be now or a date in the future');
  }
  const current = await rulesAt(deps.db, now);
  const rules = validateLoyaltyRules({
    ...current.rules,
    ...(current.version === null ? { enabled: true } : {}),
    ...patch,
  });
  if (!rules.ok) return rules;
  const version = await insertRuleVersion(deps.db, {
    rules: rules.value,
    effectiveFrom: from,
    staffId: actor.kind === 'staff' ? actor.staffId : null,
    at: now,
  });
  offer.forget(deps.db);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'loyalty.rules_changed',
      detail: { version, effectiveFrom: from.toISOString() },
    },
  });
  return ok({ version, rules: rules.value });
}

export type PromotionInput = {
  id?: string;
  name: string;
  kind: 'multiplier' | 'bonus';
  multiplierBp?: number | null;
  bonusPoints?: Points | null;
  categories?: string[];
  minSpend?: Minor;
  startsAt: string;
  endsAt: string;
  active?: boolean;
};

function checkPromotion(input: PromotionInput): Result<Promotion & { active: boolean }> {
  const name = input.name.trim();
  if (name === '' || name.length > 80) return invalid('name', 'name must be 1–80 characters');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime()))
    return invalid('startsAt', 'startsAt must be a date and time');
  if (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) {
    return invalid('endsAt', 'endsAt must be a date and time after startsAt');
  }
  const multiplier = input.multiplierBp ?? null;
  const bonus = input.bonusPoints ?? null;
  if (
    input.kind === 'multiplier' &&
    !(Number.isSafeInteger(multiplier) && multiplier! > 10_000 && multiplier! <= 100_000)
  ) {
    return invalid(
      'multiplierBp',
      'a multiplier promotion needs multiplierBp above 10000 (20000 = double points)',
    );
  }
  if (input.kind === 'bonus' && !(Number.isSafeInteger(bonus) && bonus! > 0)) {
    return invalid('bonusPoints', 'a bonus promotion needs bonusPoints above 0');
  }
  const minSpend = input.minSpend ?? noMoney;
  if (!Number.isSafeInteger(minSpend) || minSpend < 0) {
    return invalid('minSpend', 'minSpend must be 0 or more, in minor units');
  }
  return ok({
    id: input.id ?? newId(),
    name,
    kind: input.kind,
    multiplierBp: input.kind === 'multiplier' ? multiplier : null,
    bonusPoints: input.kind === 'bonus' ? bonus : null,
    categories: [...new Set((input.categories ?? []).map((c) => c.trim()).filter(Boolean))],
    minSpend,
    startsAt,
    endsAt,
    active: input.active ?? true,
  });
}

export async function savePromotion({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: PromotionInput;
}): Promise<Result<Promotion & { active: boolean }>> {
  const promotion = checkPromotion(input);
  if (!promotion.ok) return promotion;
  if (input.id && !(await selectPromotions(deps.db)).some((p) => p.id === input.id)) {
    return fail('promotion_not_found', 'No promotion with that id');
  }
  await upsertPromotion(deps.db, promotion.value);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'loyalty.promotion_saved',
      detail: { id: promotion.value.id, name: promotion.value.name },
    },
  });
  return promotion;
}

export async function saveReward({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: RewardInput & { id?: string; active?: boolean };
}): Promise<Result<Reward>> {
  const reward = validateReward(input);
  if (!reward.ok) return reward;
  if (input.id && !(await findReward(deps.db, input.id))) {
    return fail('reward_not_found', 'No reward with that id');
  }
  const saved: Reward = { ...reward.value, id: input.id ?? newId(), active: input.active ?? true };
  await upsertReward(deps.db, saved);
  offer.forget(deps.db);
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'loyalty.reward_saved',
      detail: { id: saved.id, name: saved.name },
    },
  });
  return ok(saved);
}
