import { sql, type Selectable } from 'kysely';
import type { Promotion } from '../domain/loyalty-earning.ts';
import type { LoyaltyRules } from '../domain/loyalty-rules.ts';
import type { Reward } from '../domain/rewards.ts';
import type { Db } from './database.ts';
import type { LoyaltyPromotionsTable, LoyaltyRewardsTable } from './schema.ts';

export type RuleVersion = { version: number; effectiveFrom: Date; rules: LoyaltyRules };

/** The rules in force at `at`: the latest version that took effect by then. */
export async function selectRuleVersionAt(db: Db, at: Date): Promise<RuleVersion | undefined> {
  const row = await db
    .selectFrom('loyalty_rule_versions')
    .select(['version', 'effective_from', 'rules'])
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { version: row.version, effectiveFrom: row.effective_from, rules: row.rules as LoyaltyRules }
    : undefined;
}

export async function selectRuleVersions(db: Db): Promise<RuleVersion[]> {
  const rows = await db
    .selectFrom('loyalty_rule_versions')
    .select(['version', 'effective_from', 'rules'])
    .orderBy('version', 'desc')
    .limit(50)
    .execute();
  return rows.map((row) => ({
    version: row.version,
    effectiveFrom: row.effective_from,
    rules: row.rules as LoyaltyRules,
  }));
}

/** Appends a version numbered one above the last (the primary key refuses a race). */
export async function insertRuleVersion(
  db: Db,
  version: { rules: LoyaltyRules; effectiveFrom: Date; staffId: string | null; at: Date },
): Promise<number> {
  const row = await sql<{ version: number }>`
    INSERT INTO loyalty_rule_versions (version, effective_from, rules, created_by_staff_id, created_at)
    SELECT coalesce(max(version), 0) + 1, ${version.effectiveFrom}, ${JSON.stringify(version.rules)}::jsonb,
      ${version.staffId}, ${version.at}
    FROM loyalty_rule_versions
    RETURNING version
  `.execute(db);
  return row.rows[0]!.version;
}

function toPromotion(row: Selectable<LoyaltyPromotionsTable>): Promotion & { active: boolean } {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    multiplierBp: row.multiplier_bp,
    bonusPoints: row.bonus_points,
    categories: row.categories,
    minSpend: row.min_spend,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    active: row.active,
  };
}

/** Promotions running at `at`: the checkout weighs only these. */
export async function selectPromotionsAt(db: Db, at: Date): Promise<Promotion[]> {
  const rows = await db
    .selectFrom('loyalty_promotions')
    .selectAll()
    .where('active', '=', true)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return rows.map(toPromotion);
}

export async function selectPromotions(db: Db): Promise<(Promotion & { active: boolean })[]> {
  const rows = await db
    .selectFrom('loyalty_promotions')
    .selectAll()
    .orderBy('starts_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toPromotion);
}

export async function upsertPromotion(db: Db, promotion: Promotion & { active: boolean }) {
  const values = {
    id: promotion.id,
    name: promotion.name,
    kind: promotion.kind,
    multiplier_bp: promotion.multiplierBp,
    bonus_points: promotion.bonusPoints,
    categories: promotion.categories,
    min_spend: promotion.minSpend,
    starts_at: promotion.startsAt,
    ends_at: promotion.endsAt,
    active: promotion.active,
  };
  await db
    .insertInto('loyalty_promotions')
    .values(values)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

function toReward(row: Selectable<LoyaltyRewardsTable>): Reward {
  return {
    id: row.id,
    name: row.name,
    pointsCost: row.points_cost,
    kind: row.kind,
    amount: row.amount,
    percentBp: row.percent_bp,
    productSku: row.product_sku,
    active: row.active,
  };
}

export async function selectRewards(db: Db): Promise<Reward[]> {
  const rows = await db.selectFrom('loyalty_rewards').selectAll().orderBy('points_cost').execute();
  return rows.map(toReward);
}

export async function findReward(db: Db, id: string): Promise<Reward | undefined> {
  const row = await db
    .selectFrom('loyalty_rewards')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toReward(row) : undefined;
}

export async function upsertReward(db: Db, reward: Reward): Promise<void> {
  const values = {
    id: reward.id,
    name: reward.name,
    points_cost: reward.pointsCost,
    kind: reward.kind,
    amount: reward.amount,
    percent_bp: reward.percentBp,
    product_sku: reward.productSku,
    active: reward.active,
  };
  await db
    .insertInto('loyalty_rewards')
    .values(values)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}
