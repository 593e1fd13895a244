import { bestBenefits } from '@domain/customer-groups.ts';
import { percentOff, rewardDiscounts, type DiscountableLine } from '@domain/rewards.ts';
import type { GroupBenefit, Reward } from '@contract/loyalty.ts';
import { checkLine, type DraftLine } from './sale-lines.ts';

export type LoyaltyEstimate = {
  /** The customer's group whose discount applies (the largest), if any. */
  group: { name: string; discountBp: number } | null;
  groupDiscount: number;
  rewardDiscount: number;
  /** Why the chosen reward cannot go on the sale as it is (a free product not scanned). */
  rewardProblem: string | null;
};

/** The products as the server discounts them: what each costs after its own discount. */
function discountable(lines: readonly DraftLine[]): DiscountableLine[] {
  return lines.map((line) => {
    // The server discounts the line's amount before any tax is added: what a tax-inclusive
    // outlet's line comes to, whatever this outlet's pricing.
    const checked = checkLine(line, 'tax_inclusive');
    const quantity = checked.quantity ?? 0;
    return {
      sku: line.product.sku,
      unitPrice: line.product.price,
      quantity,
      value: Math.max(0, checked.total ?? 0),
    };
  });
}

const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);

/**
 * What loyalty will take off the basket, worked out as the server does it (the same
 * domain rules): the best group discount on every product, then the reward on what is
 * left. The server prices the sale; the till shows this as part of its estimate.
 */
export function estimateLoyalty(
  lines: readonly DraftLine[],
  groups: readonly GroupBenefit[],
  reward: Reward | null,
): LoyaltyEstimate {
  const products = discountable(lines);
  const { discount } = bestBenefits(groups);
  const groupOff = discount ? percentOff(products, discount.discountBp) : products.map(() => 0);
  const group = discount ? { name: discount.name, discountBp: discount.discountBp } : null;
  const base = { group, groupDiscount: sum(groupOff) };
  if (reward === null) return { ...base, rewardDiscount: 0, rewardProblem: null };
  const left = products.map((line, index) => ({ ...line, value: line.value - groupOff[index]! }));
  const off = rewardDiscounts(reward, left);
  if (off.ok) return { ...base, rewardDiscount: sum(off.value), rewardProblem: null };
  const problem =
    off.code === 'reward_not_applicable'
      ? off.message
      : 'Scan the items first: the reward comes off what the customer buys.';
  return { ...base, rewardDiscount: 0, rewardProblem: problem };
}
