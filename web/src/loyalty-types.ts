// Shapes of the loyalty and customer-group API: the server's route schemas
// (src/http/schemas), as types only, under the names the web app uses.
import type {
  CustomerName,
  GroupBody,
  GroupKind,
  GroupRecomputeAnswer,
  GroupRule,
  Group,
} from '@contract/customers.ts';
import type {
  BonusReasonCode,
  LoyaltyEvent,
  LoyaltyEventKind,
  LoyaltyEvents,
  LoyaltyProgram,
  LoyaltyRules,
  LoyaltyRulesChangeBody,
  LoyaltySummary,
  PointsAdjustmentBody,
  Promotion,
  PromotionBody,
  PromotionKind,
  Reward,
  RewardBody,
  RewardKind,
} from '@contract/loyalty.ts';

export { bonusReasonCodes } from '@domain/loyalty-events.ts';

export type {
  BonusReasonCode,
  GroupKind,
  GroupRule,
  LoyaltyEvent,
  LoyaltyEventKind,
  LoyaltyEvents,
  LoyaltyProgram,
  LoyaltyRules,
  LoyaltySummary,
  Promotion,
  PromotionKind,
  Reward,
  RewardKind,
};

export type RulesChange = LoyaltyRulesChangeBody;
export type RuleVersion = LoyaltyProgram['versions'][number];
export type PromotionInput = PromotionBody;
export type RewardInput = RewardBody;
export type GroupBenefit = LoyaltySummary['groups'][number];
export type PointsAdjustment = PointsAdjustmentBody;
export type CustomerGroup = Group;
export type GroupInput = GroupBody;
export type GroupMember = CustomerName;
export type RecomputeResult = GroupRecomputeAnswer['results'][number];
