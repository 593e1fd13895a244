/** What moved a customer's points: each entry of the points ledger is one of these. */
export const loyaltyEventKinds = [
  'ACCUMULATE',
  'PROMOTION',
  'SIGNUP_BONUS',
  'REDEEM',
  'ADJUST',
  'EXPIRE',
  'REVERSE',
] as const;
export type LoyaltyEventKind = (typeof loyaltyEventKinds)[number];

/** Why points were given or taken by hand; the log shows the code and the words. */
export const bonusReasonCodes = [
  'goodwill',
  'service_recovery',
  'birthday',
  'promotion_missed',
  'correction',
  'other',
] as const;
export type BonusReasonCode = (typeof bonusReasonCodes)[number];
