import { minor, points as asPoints } from '../../src/domain/units.ts';
import { expect } from 'vitest';
import type { LoyaltyRules } from '../../src/domain/loyalty-rules.ts';
import type { Actor, ServiceDeps } from '../../src/services/platform/context.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { changeLoyaltyRules, saveReward } from '../../src/services/loyalty/loyalty-program.ts';
import { findLoyaltyBalance, selectLoyaltyMismatches } from '../../src/store/loyalty.ts';

export async function setRules(
  deps: ServiceDeps,
  actor: Actor,
  changes: Partial<LoyaltyRules> & { effectiveFrom?: string },
): Promise<number> {
  const changed = await changeLoyaltyRules({ deps, actor, changes });
  if (!changed.ok) throw new Error(changed.message);
  return changed.value.version;
}

export async function newReward(
  deps: ServiceDeps,
  actor: Actor,
  pointsCost: number,
  amount: number,
): Promise<string> {
  const reward = await saveReward({
    deps,
    actor,
    input: {
      name: `${amount} off for ${pointsCost}`,
      pointsCost: asPoints(pointsCost),
      kind: 'amount_off',
      amount: minor(amount),
      percentBp: null,
      productSku: null,
    },
  });
  if (!reward.ok) throw new Error(reward.message);
  return reward.value.id;
}

export async function newCustomer(deps: ServiceDeps, actor: Actor, name: string): Promise<string> {
  const customer = await createCustomer({ deps, actor, input: { name } });
  if (!customer.ok) throw new Error(customer.message);
  return customer.value.customer.id;
}

export const points = (deps: ServiceDeps, customerId: string) =>
  findLoyaltyBalance(deps.db, customerId);

export async function expectPointsBalanced(deps: ServiceDeps): Promise<void> {
  expect(await selectLoyaltyMismatches(deps.db)).toEqual([]);
}
