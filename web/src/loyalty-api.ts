import { request } from './api.ts';
import type {
  CustomerGroup,
  GroupInput,
  GroupMember,
  LoyaltyEvent,
  LoyaltyEvents,
  LoyaltyProgram,
  LoyaltyRules,
  LoyaltySummary,
  PointsAdjustment,
  Promotion,
  PromotionInput,
  RecomputeResult,
  Reward,
  RewardInput,
  RulesChange,
} from './loyalty-types.ts';

const id = encodeURIComponent;

/** Loyalty points, rewards, promotions and customer groups (docs/api.md). */
export const loyaltyApi = {
  program: () => request<LoyaltyProgram>('GET', '/loyalty/program'),
  /** Every change is a new version of the rules, in force from `effectiveFrom` (default now). */
  changeRules: (body: RulesChange) =>
    request<{ version: number; rules: LoyaltyRules }>('PATCH', '/loyalty/rules', body),
  savePromotion: (promotionId: string | null, body: PromotionInput) =>
    promotionId === null
      ? request<{ promotion: Promotion }>('POST', '/loyalty/promotions', body)
      : request<{ promotion: Promotion }>('PUT', `/loyalty/promotions/${id(promotionId)}`, body),
  saveReward: (rewardId: string | null, body: RewardInput) =>
    rewardId === null
      ? request<{ reward: Reward }>('POST', '/loyalty/rewards', body)
      : request<{ reward: Reward }>('PUT', `/loyalty/rewards/${id(rewardId)}`, body),

  summary: (customerId: string) =>
    request<LoyaltySummary>('GET', `/customers/${id(customerId)}/loyalty`),
  events: (customerId: string) =>
    request<LoyaltyEvents>('GET', `/customers/${id(customerId)}/loyalty/events`),
  /** `idempotencyKey`: one per dialog, reused for every attempt of the same change. */
  adjustPoints: (customerId: string, body: PointsAdjustment, idempotencyKey: string) =>
    request<{ event: LoyaltyEvent }>(
      'POST',
      `/customers/${id(customerId)}/loyalty/adjustments`,
      body,
      { idempotencyKey },
    ),

  groups: () => request<{ groups: CustomerGroup[] }>('GET', '/groups'),
  saveGroup: (groupId: string | null, body: GroupInput) =>
    groupId === null
      ? request<{ group: CustomerGroup }>('POST', '/groups', body)
      : request<{ group: CustomerGroup }>('PUT', `/groups/${id(groupId)}`, body),
  members: (groupId: string) =>
    request<{ members: GroupMember[] }>('GET', `/groups/${id(groupId)}/members`),
  /** Manual groups only; rule-based groups fill themselves. */
  setMember: (groupId: string, customerId: string, member: boolean) =>
    request<{ group: CustomerGroup }>(
      member ? 'PUT' : 'DELETE',
      `/groups/${id(groupId)}/members/${id(customerId)}`,
    ),
  recompute: () => request<{ results: RecomputeResult[] }>('POST', '/groups/recompute'),
};
