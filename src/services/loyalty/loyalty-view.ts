import { expiringByDate } from '../../domain/expiring-lots.ts';
import { rewardsWithinReach, type Reward } from '../../domain/rewards.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { selectGroupsOfCustomer } from '../../store/customer-groups.ts';
import { findCustomerById } from '../../store/customers.ts';
import {
  findLoyaltyBalance,
  selectLoyaltyEvents,
  selectOpenPointsLots,
  type LoyaltyEventRecord,
} from '../../store/loyalty.ts';
import { selectRewards } from '../../store/loyalty-program.ts';
import { selectSaleNumbers } from '../../store/sales.ts';
import { selectStaffNames } from '../../store/staff.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { rulesAt } from './loyalty-program.ts';

export type LoyaltyEventView = Omit<
  LoyaltyEventRecord,
  'createdAt' | 'idempotencyKey' | 'staffId' | 'approvedByStaffId'
> & {
  at: string;
  /** The receipt number of the sale (or return) that made the change. */
  saleNumber: string | null;
  staffName: string | null;
  approvedByName: string | null;
};

/** What the till banner and the profile show. */
export type LoyaltySummary = {
  enabled: boolean;
  balance: number;
  /** Whether returns may take the balance below zero (the till says so). */
  allowNegativeBalance: boolean;
  rewardsAvailable: Reward[];
  nextReward: { reward: Reward; pointsNeeded: number } | null;
  groups: { id: string; name: string; discountBp: number; earnMultiplierBp: number }[];
  expiring: { points: number; expiresAt: string }[];
};

export async function loyaltySummary(
  deps: ServiceDeps,
  customerId: string,
): Promise<Result<LoyaltySummary>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', 'No customer with that id');
  const [{ rules }, balance, rewards, groups, lots] = await Promise.all([
    rulesAt(deps.db, deps.now()),
    findLoyaltyBalance(deps.db, customerId),
    selectRewards(deps.db),
    selectGroupsOfCustomer(deps.db, customerId),
    selectOpenPointsLots(deps.db, customerId),
  ]);
  const reach = rewardsWithinReach(rules.enabled ? rewards : [], balance);
  return ok({
    enabled: rules.enabled,
    balance,
    allowNegativeBalance: rules.allowNegativeBalance,
    rewardsAvailable: reach.available,
    nextReward: reach.next,
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      discountBp: group.discountBp,
      earnMultiplierBp: group.earnMultiplierBp,
    })),
    expiring: expiringByDate(lots).map((due) => ({
      points: due.remaining,
      expiresAt: due.expiresAt.toISOString(),
    })),
  });
}

/**
 * How the current total came about: every event, oldest first, with its running balance
 * and what it was for, and the totals by kind (they add up to the balance).
 */
export async function explainPoints(
  deps: ServiceDeps,
  customerId: string,
): Promise<
  Result<{ balance: number; byKind: Record<string, number>; events: LoyaltyEventView[] }>
> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', 'No customer with that id');
  const events = (await selectLoyaltyEvents(deps.db, customerId, 5000)).reverse();
  const byKind: Record<string, number> = {};
  for (const event of events) byKind[event.kind] = (byKind[event.kind] ?? 0) + event.points;
  return ok({
    balance: await findLoyaltyBalance(deps.db, customerId),
    byKind,
    events: await loyaltyEventViews(deps, events),
  });
}

/** Events as people read them: who did it and who approved it by name. */
export async function loyaltyEventViews(
  deps: ServiceDeps,
  events: LoyaltyEventRecord[],
): Promise<LoyaltyEventView[]> {
  const names = await selectStaffNames(deps.db, [
    ...new Set(
      events.flatMap((event) =>
        [event.staffId, event.approvedByStaffId].filter((id): id is string => id !== null),
      ),
    ),
  ]);
  const saleNumbers = await selectSaleNumbers(deps.db, [
    ...new Set(events.flatMap((event) => (event.saleId ? [event.saleId] : []))),
  ]);
  return events.map(
    ({ createdAt, idempotencyKey: _key, staffId, approvedByStaffId, ...event }) => ({
      ...event,
      at: createdAt.toISOString(),
      saleNumber: (event.saleId && saleNumbers.get(event.saleId)) || null,
      staffName: (staffId && names.get(staffId)) || null,
      approvedByName: (approvedByStaffId && names.get(approvedByStaffId)) || null,
    }),
  );
}
