import { expect } from 'vitest';
import { giftCardRange } from '../../src/domain/gift-cards.ts';
import type { Actor, ServiceDeps } from '../../src/services/platform/context.ts';
import { generateGiftCards } from '../../src/services/stored-value/gift-cards.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import {
  findGiftCardByNumber,
  selectGiftCardLedgerMismatches,
} from '../../src/store/gift-cards.ts';
import {
  findStoreCreditAccount,
  selectStoreCreditMismatches,
} from '../../src/store/store-credit.ts';

let keys = 0;
export const key = () => `sv-${Date.now()}-${keys++}`;

let prefixes = 10;
/** Pre-printed cards in a fresh range (each call gets its own prefix). */
export async function printCards(
  deps: ServiceDeps,
  actor: Actor,
  count: number,
): Promise<string[]> {
  const prefix = String(prefixes++);
  const range = await generateGiftCards({
    deps,
    actor,
    input: {
      prefix,
      first: 1,
      count,
      currency: 'GBP',
      label: `test run ${prefix}`,
    },
  });
  if (!range.ok) throw new Error(range.message);
  const numbers = giftCardRange(prefix, 1, count);
  if (!numbers.ok) throw new Error(numbers.message);
  return numbers.value;
}

/** Sells (activates) a pre-printed card for cash, the way the till does. */
export async function sellCard(
  deps: ServiceDeps,
  actor: Actor,
  number: string,
  amount: number,
): Promise<void> {
  const sale = await completeSale({
    deps,
    actor,
    input: {
      lines: [{ kind: 'gift_card', number, amount }],
      tenders: [{ kind: 'cash', received: amount }],
      idempotencyKey: key(),
    },
  });
  if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
}

export async function cardBalance(deps: ServiceDeps, number: string): Promise<number> {
  return (await findGiftCardByNumber(deps.db, number))!.balance;
}

export async function creditBalance(deps: ServiceDeps, customerId: string): Promise<number> {
  return (await findStoreCreditAccount(deps.db, customerId, 'GBP'))?.balance ?? 0;
}

/** The ledger invariant: every account's balance equals the sum of its entries. */
export async function expectLedgersBalanced(deps: ServiceDeps): Promise<void> {
  expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
  expect(await selectStoreCreditMismatches(deps.db)).toEqual([]);
}
