// Shapes of the loyalty and customer-group API. Points are whole numbers of their own kind;
// amounts are integers in the currency's minor unit; rates are basis points (500 = 5%,
// 20000 = twice the points).

export type LoyaltyRules = {
  enabled: boolean;
  /** Minor units of spend per point: 1000 is one point per 10.00. */
  spendPerPoint: number;
  /** 'gross': tax included; 'net': tax excluded. */
  earnOn: 'gross' | 'net';
  excludedCategories: string[];
  /** Category weights: 20000 earns double on that category. */
  categoryMultipliers: Record<string, number>;
  signupBonus: number;
  /** Points expire at the end of the month this many months after they were earned. */
  expiryMonths: number | null;
  /** Whether a return may take the balance below zero. */
  allowNegativeBalance: boolean;
};

export type RulesChange = Partial<LoyaltyRules> & { effectiveFrom?: string };

export type RuleVersion = { version: number; effectiveFrom: string; rules: LoyaltyRules };

export type PromotionKind = 'multiplier' | 'bonus';

export type Promotion = {
  id: string;
  name: string;
  kind: PromotionKind;
  multiplierBp: number | null;
  bonusPoints: number | null;
  /** Empty: every category. */
  categories: string[];
  minSpend: number;
  startsAt: string;
  endsAt: string;
  active: boolean;
};

export type PromotionInput = Omit<Promotion, 'id'>;

export type RewardKind = 'amount_off' | 'percent_off' | 'free_product';

export type Reward = {
  id: string;
  name: string;
  pointsCost: number;
  kind: RewardKind;
  amount: number | null;
  percentBp: number | null;
  productSku: string | null;
  active: boolean;
};

export type RewardInput = Omit<Reward, 'id'>;

export type LoyaltyProgram = {
  current: { version: number | null; rules: LoyaltyRules };
  versions: RuleVersion[];
  promotions: Promotion[];
  rewards: Reward[];
};

export type GroupBenefit = {
  id: string;
  name: string;
  discountBp: number;
  earnMultiplierBp: number;
};

/** What the till banner and the profile show. */
export type LoyaltySummary = {
  enabled: boolean;
  balance: number;
  allowNegativeBalance: boolean;
  rewardsAvailable: Reward[];
  nextReward: { reward: Reward; pointsNeeded: number } | null;
  groups: GroupBenefit[];
  expiring: { points: number; expiresAt: string }[];
};

export type LoyaltyEventKind =
  'ACCUMULATE' | 'PROMOTION' | 'SIGNUP_BONUS' | 'REDEEM' | 'ADJUST' | 'EXPIRE' | 'REVERSE';

export type LoyaltyEvent = {
  id: string;
  kind: LoyaltyEventKind | string;
  points: number;
  balanceAfter: number;
  saleId: string | null;
  /** The receipt number of the sale or return that made the change. */
  saleNumber?: string | null;
  ruleVersion: number | null;
  promotionId: string | null;
  rewardId: string | null;
  reasonCode: string | null;
  reason: string | null;
  staffName: string | null;
  approvedByName: string | null;
  details: Record<string, unknown>;
  at: string;
};

/** The points log, oldest first, and the totals by kind that add up to the balance. */
export type LoyaltyEvents = {
  balance: number;
  byKind: Record<string, number>;
  events: LoyaltyEvent[];
};

export const bonusReasonCodes = [
  'goodwill',
  'service_recovery',
  'birthday',
  'promotion_missed',
  'correction',
  'other',
] as const;
export type BonusReasonCode = (typeof bonusReasonCodes)[number];

export type PointsAdjustment = {
  /** Signed, never 0: negative takes points away. */
  points: number;
  reasonCode: BonusReasonCode;
  reason: string;
  approval?: { username: string; pin: string };
};

export type GroupRule =
  | { type: 'spend'; minSpend: number; months: number }
  | { type: 'visits'; minVisits: number; days: number };

export type GroupKind = 'manual' | 'rule';

export type CustomerGroup = {
  id: string;
  name: string;
  kind: GroupKind;
  rule: GroupRule | null;
  discountBp: number;
  /** 10000 = normal points. */
  earnMultiplierBp: number;
  active: boolean;
  recomputedAt: string | null;
  members: number;
};

export type GroupInput = {
  name: string;
  kind: GroupKind;
  rule: GroupRule | null;
  discountBp: number;
  earnMultiplierBp: number;
  active: boolean;
};

export type GroupMember = { id: string; number: string; name: string };

export type RecomputeResult = { group: string; joined: number; left: number };
