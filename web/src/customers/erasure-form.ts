import { checkMoneyOwedChoices, type ErasureChoices, type MoneyOwed } from '@domain/erasure.ts';
import { minor, points } from '@domain/units.ts';
import { ApiError, isRecord } from '../api-error.ts';
import { formatPoints } from '../common/loyalty-format.ts';
import { formatMoney } from '../common/money.ts';
import type { StoreCredit } from '@contract/stored-value.ts';

/**
 * What the erasure form needs to decide, apart from React: what the customer holds, and
 * why the button is still off. The money rule is the server's own (checkMoneyOwedChoices).
 */

/** What is owed as the profile's store credit and points show it. */
export function owedFrom(credit: StoreCredit, pointsBalance: number): MoneyOwed {
  return {
    // Credit past its expiry is not owed: the server counts only what can still be spent.
    storeCredit: credit.accounts.map((account) => ({
      currency: account.currency,
      amount: minor(account.spendable),
    })),
    points: points(Math.max(0, pointsBalance)),
  };
}

/** What the server's money_owed refusal says is owed, when it knows more than the screen. */
export function owedFromRefusal(error: unknown): MoneyOwed | null {
  if (!(error instanceof ApiError) || error.code !== 'money_owed') return null;
  const owed = error.extensions.owed;
  if (!isRecord(owed) || !Array.isArray(owed.storeCredit)) return null;
  return {
    storeCredit: owed.storeCredit.filter(isRecord).map((entry) => ({
      currency: String(entry.currency),
      amount: minor(Math.max(0, Math.trunc(Number(entry.amount) || 0))),
    })),
    points: points(Math.max(0, Math.trunc(Number(owed.points) || 0))),
  };
}

export function holdsCredit(owed: MoneyOwed): boolean {
  return owed.storeCredit.some((entry) => entry.amount > 0);
}

/** "The customer still holds £12.50 store credit and 40 points." */
export function heldText(owed: MoneyOwed): string {
  const held = owed.storeCredit
    .filter((entry) => entry.amount > 0)
    .map((entry) => `${formatMoney(entry.amount, entry.currency)} store credit`);
  if (owed.points > 0) held.push(formatPoints(owed.points));
  return held.length === 0
    ? 'The customer holds no store credit or points.'
    : `The customer still holds ${held.join(' and ')}.`;
}

/** Why the erase button is off, first thing first; null when it may be pressed. */
export function erasureBlocker(form: {
  owed: MoneyOwed | null;
  choices: ErasureChoices;
  reason: string;
  confirm: string;
  customerNumber: string;
}): string | null {
  if (form.owed === null) return 'Loading what the customer still holds…';
  const money = checkMoneyOwedChoices(form.owed, form.choices);
  if (!money.ok) return `${money.message}.`;
  if (form.reason.trim().length < 3) return 'Give a reason: it is written to the audit log.';
  if (form.confirm.trim() !== form.customerNumber) {
    return `Type the customer number ${form.customerNumber} to confirm.`;
  }
  return null;
}
