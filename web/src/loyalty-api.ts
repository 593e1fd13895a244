import { request } from './api.ts';
import type {
  GroupAnswer,
  GroupBody,
  GroupList,
  GroupMembers,
  GroupRecomputeAnswer,
} from '@contract/customers.ts';
// The contract's loyalty shapes, by their schema names.
import type * as Loyalty from '@contract/loyalty.ts';

const id = encodeURIComponent;

/** Loyalty points, rewards, promotions and customer groups (docs/api.md). */
export const loyaltyApi = {
  program: () => request<Loyalty.LoyaltyProgram>('GET', '/loyalty/program'),
  /** Every change is a new version of the rules, in force from `effectiveFrom` (default now). */
  changeRules: (body: Loyalty.LoyaltyRulesChangeBody) =>
    request<Loyalty.LoyaltyRulesVersion>('PATCH', '/loyalty/rules', body),
  savePromotion: (promotionId: string | null, body: Loyalty.PromotionBody) =>
    promotionId === null
      ? request<Loyalty.PromotionAnswer>('POST', '/loyalty/promotions', body)
      : request<Loyalty.PromotionAnswer>('PUT', `/loyalty/promotions/${id(promotionId)}`, body),
  saveReward: (rewardId: string | null, body: Loyalty.RewardBody) =>
    rewardId === null
      ? request<Loyalty.RewardAnswer>('POST', '/loyalty/rewards', body)
      : request<Loyalty.RewardAnswer>('PUT', `/loyalty/rewards/${id(rewardId)}`, body),

  summary: (customerId: string) =>
    request<Loyalty.LoyaltySummary>('GET', `/customers/${id(customerId)}/loyalty`),
  events: (customerId: string) =>
    request<Loyalty.LoyaltyEvents>('GET', `/customers/${id(customerId)}/loyalty/events`),
  /** `idempotencyKey`: one per dialog, reused for every attempt of the same change. */
  adjustPoints: (customerId: string, body: Loyalty.PointsAdjustmentBody, idempotencyKey: string) =>
    request<Loyalty.PointsAdjusted>(
      'POST',
      `/customers/${id(customerId)}/loyalty/adjustments`,
      body,
      {
        idempotencyKey,
      },
    ),

  groups: () => request<GroupList>('GET', '/groups'),
  saveGroup: (groupId: string | null, body: GroupBody) =>
    groupId === null
      ? request<GroupAnswer>('POST', '/groups', body)
      : request<GroupAnswer>('PUT', `/groups/${id(groupId)}`, body),
  members: (groupId: string) => request<GroupMembers>('GET', `/groups/${id(groupId)}/members`),
  /** Manual groups only; rule-based groups fill themselves. */
  setMember: (groupId: string, customerId: string, member: boolean) =>
    request<GroupAnswer>(
      member ? 'PUT' : 'DELETE',
      `/groups/${id(groupId)}/members/${id(customerId)}`,
    ),
  recompute: () => request<GroupRecomputeAnswer>('POST', '/groups/recompute'),
};
