import { Type, type Static } from 'typebox';
import { promotionKinds } from '../../domain/loyalty-earning.ts';
import { rewardKinds } from '../../domain/rewards.ts';
import { bonusReasonCodes, loyaltyEventKinds } from '../../domain/loyalty-events.ts';
import {
  BasisPoints,
  Identifier,
  Money,
  Months,
  Nullable,
  Points,
  SignedPoints,
  StringEnum,
} from './platform.ts';
import { Approval } from './staff.ts';

/** Loyalty: the rules, promotions, rewards and each customer's points. */

export const LoyaltyRules = Type.Object({
  enabled: Type.Boolean(),
  spendPerPoint: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  earnOn: Type.Union([Type.Literal('gross'), Type.Literal('net')]),
  excludedCategories: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 }),
  categoryMultipliers: Type.Record(Type.String({ maxLength: 60 }), BasisPoints),
  signupBonus: Points,
  expiryMonths: Nullable(Months),
  allowNegativeBalance: Type.Boolean(),
});
export type LoyaltyRules = Static<typeof LoyaltyRules>;

export const RewardKind = StringEnum(rewardKinds);
export type RewardKind = Static<typeof RewardKind>;

export const PromotionKind = StringEnum(promotionKinds);
export type PromotionKind = Static<typeof PromotionKind>;

/** Why a supervisor gave bonus points (or took some back). */
export const BonusReasonCode = StringEnum(bonusReasonCodes);
export type BonusReasonCode = Static<typeof BonusReasonCode>;

export const Reward = Type.Object({
  id: Type.String(),
  name: Type.String(),
  pointsCost: Points,
  kind: RewardKind,
  amount: Nullable(Money),
  percentBp: Nullable(Type.Integer()),
  productSku: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type Reward = Static<typeof Reward>;

export const RewardBody = Type.Object(
  {
    name: Type.String({ maxLength: 80 }),
    pointsCost: Points,
    kind: RewardKind,
    amount: Type.Optional(Nullable(Money)),
    percentBp: Type.Optional(Nullable(BasisPoints)),
    productSku: Type.Optional(Nullable(Identifier({ maxLength: 40 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RewardBody = Static<typeof RewardBody>;

export const RewardAnswer = Type.Object({ reward: Reward });
export type RewardAnswer = Static<typeof RewardAnswer>;

export const Promotion = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: PromotionKind,
  multiplierBp: Nullable(Type.Integer()),
  bonusPoints: Nullable(Type.Integer()),
  categories: Type.Array(Type.String()),
  minSpend: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  active: Type.Boolean(),
});
export type Promotion = Static<typeof Promotion>;

export const PromotionBody = Type.Object(
  {
    name: Type.String({ maxLength: 80 }),
    kind: PromotionKind,
    multiplierBp: Type.Optional(Nullable(BasisPoints)),
    bonusPoints: Type.Optional(Nullable(Points)),
    categories: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
    minSpend: Type.Optional(Money),
    startsAt: Type.String({ maxLength: 40 }),
    endsAt: Type.String({ maxLength: 40 }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PromotionBody = Static<typeof PromotionBody>;

export const PromotionAnswer = Type.Object({ promotion: Promotion });
export type PromotionAnswer = Static<typeof PromotionAnswer>;

/** One version of the loyalty rules and when it took (or takes) effect. */
export const EffectiveLoyaltyRules = Type.Object({
  version: Type.Integer(),
  effectiveFrom: Type.String(),
  rules: LoyaltyRules,
});
export type EffectiveLoyaltyRules = Static<typeof EffectiveLoyaltyRules>;

export const LoyaltyProgram = Type.Object({
  current: Type.Object({ version: Nullable(Type.Integer()), rules: LoyaltyRules }),
  versions: Type.Array(EffectiveLoyaltyRules),
  promotions: Type.Array(Promotion),
  rewards: Type.Array(Reward),
});
export type LoyaltyProgram = Static<typeof LoyaltyProgram>;

export const LoyaltyRulesChangeBody = Type.Intersect([
  Type.Partial(LoyaltyRules),
  Type.Object({ effectiveFrom: Type.Optional(Type.String({ maxLength: 40 })) }),
]);
export type LoyaltyRulesChangeBody = Static<typeof LoyaltyRulesChangeBody>;

export const LoyaltyRulesVersion = Type.Object({ version: Type.Integer(), rules: LoyaltyRules });
export type LoyaltyRulesVersion = Static<typeof LoyaltyRulesVersion>;

/** A customer group the customer is in, and what it gives them at the till. */
export const GroupBenefit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  discountBp: Type.Integer(),
  earnMultiplierBp: Type.Integer(),
});
export type GroupBenefit = Static<typeof GroupBenefit>;

export const LoyaltySummary = Type.Object({
  enabled: Type.Boolean(),
  balance: Type.Integer(),
  allowNegativeBalance: Type.Boolean(),
  rewardsAvailable: Type.Array(Reward),
  nextReward: Nullable(Type.Object({ reward: Reward, pointsNeeded: Type.Integer() })),
  groups: Type.Array(GroupBenefit),
  expiring: Type.Array(Type.Object({ points: Type.Integer(), expiresAt: Type.String() })),
});
export type LoyaltySummary = Static<typeof LoyaltySummary>;

export const LoyaltyEventKind = StringEnum(loyaltyEventKinds);
export type LoyaltyEventKind = Static<typeof LoyaltyEventKind>;

export const LoyaltyEvent = Type.Object({
  id: Type.String(),
  kind: LoyaltyEventKind,
  points: Type.Integer(),
  balanceAfter: Type.Integer(),
  saleId: Nullable(Type.String()),
  saleNumber: Nullable(Type.String()),
  ruleVersion: Nullable(Type.Integer()),
  promotionId: Nullable(Type.String()),
  rewardId: Nullable(Type.String()),
  reasonCode: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
});
export type LoyaltyEvent = Static<typeof LoyaltyEvent>;

export const LoyaltyEvents = Type.Object({
  balance: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
  events: Type.Array(LoyaltyEvent),
});
export type LoyaltyEvents = Static<typeof LoyaltyEvents>;

export const PointsAdjustmentBody = Type.Object(
  {
    points: SignedPoints,
    reasonCode: BonusReasonCode,
    reason: Type.String({ maxLength: 200 }),
    approval: Type.Optional(Approval),
  },
  { additionalProperties: false },
);
export type PointsAdjustmentBody = Static<typeof PointsAdjustmentBody>;

export const PointsAdjusted = Type.Object({ event: LoyaltyEvent });
export type PointsAdjusted = Static<typeof PointsAdjusted>;
