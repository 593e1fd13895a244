import type { Preferences } from './customer.ts';
import { formatAmount } from './money.ts';
import { fail, ok, type Result } from './result.ts';
import { checkActionReason } from './rights-requests.ts';
import type { Minor, Points } from './units.ts';

/**
 * Erasure (GDPR art. 17) as the shop's rules see it: what replaces the person's name and
 * what must be decided before anything is erased. The writes are in
 * services/customers/customer-erasure.ts.
 */

/** What an erased customer is called wherever a name is shown (receipts reprinted, lists). */
export const erasedCustomerName = 'Erased customer';
export const erasedSearchName = 'erased customer';
export const erasedPreferences: Preferences = { sizes: [], brands: [], interests: [] };

/** Store credit left on erasure is either paid out to the customer or given up by them. */
export const storeCreditChoices = ['paid_out', 'forfeited'] as const;
export type StoreCreditChoice = (typeof storeCreditChoices)[number];
/** Points have no cash value: they can only be given up. */
export const pointsChoices = ['forfeited'] as const;
export type PointsChoice = (typeof pointsChoices)[number];

export type ErasureChoices = {
  storeCredit?: StoreCreditChoice | undefined;
  points?: PointsChoice | undefined;
};

/** What the shop still owes the customer at the moment of erasure. */
export type MoneyOwed = {
  storeCredit: { currency: string; amount: Minor }[];
  points: Points;
};

export function owesAnything(owed: MoneyOwed): boolean {
  return owed.points > 0 || owed.storeCredit.some((credit) => credit.amount > 0);
}

/**
 * Refuses an erasure that would silently drop money or points the customer still has:
 * each kind held needs its choice. The refusal lists what is owed, so the screen can show it.
 */
export function checkMoneyOwedChoices(owed: MoneyOwed, choices: ErasureChoices): Result<true> {
  const credit = owed.storeCredit.filter((entry) => entry.amount > 0);
  const missing: string[] = [];
  if (credit.length > 0 && !choices.storeCredit) {
    const amounts = credit.map((c) => `${formatAmount(c.amount, c.currency)} ${c.currency}`);
    missing.push(`store credit of ${amounts.join(' and ')} (pay it out or forfeit it)`);
  }
  if (owed.points > 0 && !choices.points) missing.push(`${owed.points} points (forfeit them)`);
  if (missing.length === 0) return ok(true);
  return fail(
    'money_owed',
    `The customer still has ${missing.join(' and ')}: choose what happens`,
    {
      details: {
        owed: {
          storeCredit: credit.map((c) => ({ currency: c.currency, amount: c.amount })),
          points: owed.points,
        },
      },
    },
  );
}

/** The reason goes into the audit log with the erasure. */
export function checkErasureReason(reason: string): Result<string> {
  return checkActionReason(reason, 'the customer is erased');
}

/** The ledger entry's reason: says what happened to the money and why. */
export function storeCreditErasureReason(choice: StoreCreditChoice): string {
  return choice === 'paid_out'
    ? 'Customer erased: store credit paid out to the customer'
    : 'Customer erased: store credit forfeited by the customer';
}

export const pointsErasureReason = 'Customer erased: points forfeited';
