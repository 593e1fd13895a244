import { minor } from '../../domain/units.ts';
import { giftCardRange } from '../../domain/gift-cards.ts';
import { selectRegisters } from '../../store/outlets.ts';
import { findStaffByUsername } from '../../store/staff.ts';
import { systemActor, type ServiceDeps } from '../platform/context.ts';
import { generateGiftCards } from '../stored-value/gift-cards.ts';
import { completeSale } from '../sales/sales.ts';
import { adjustStoreCredit } from '../stored-value/store-credit.ts';
import { demoCashierAt } from './demo-cashier.ts';

/** The demo print run: the README lists its first numbers, so staff can try them at the till. */
export const demoGiftCardPrefix = '70';

/**
 * Gift cards and store credit for the demo shop: a print run of 200 cards, the first 20
 * sold (activated) at the till with various balances, and goodwill credit for a few
 * customers, all through the same services the till uses.
 */
export async function seedDemoStoredValue(
  deps: ServiceDeps,
  customerIds: readonly string[],
): Promise<{ cardsSold: number; creditGiven: number }> {
  const range = await generateGiftCards({
    deps,
    actor: systemActor,
    input: {
      prefix: demoGiftCardPrefix,
      first: 1,
      count: 200,
      currency: 'GBP',
      label: 'Demo print run',
    },
  });
  const numbers = giftCardRange(demoGiftCardPrefix, 1, 20);
  const [register] = await selectRegisters(deps.db);
  const cashier = await findStaffByUsername(deps.db, 'cara');
  if (!range.ok || !numbers.ok || !register || !cashier) return { cardsSold: 0, creditGiven: 0 };
  const actor = demoCashierAt(cashier, register);
  let cardsSold = 0;
  for (const [index, number] of numbers.value.entries()) {
    const amount = [2500, 5000, 1000, 10000][index % 4]!;
    const sale = await completeSale({
      deps,
      actor,
      input: {
        lines: [{ kind: 'gift_card', number, amount }],
        tenders: [{ kind: 'card', amount, reference: `DEMO-GC-${index}` }],
        idempotencyKey: `demo-gift-card-${index}`,
      },
      source: 'demo',
    });
    if (sale.ok) cardsSold++;
  }
  let creditGiven = 0;
  for (const [index, customerId] of customerIds.slice(0, 10).entries()) {
    const given = await adjustStoreCredit({
      deps,
      actor: systemActor,
      customerId,
      input: {
        currency: 'GBP',
        amount: minor(500 * (index + 1)),
        reason: 'demo goodwill credit',
        expiresAt: null,
      },
      idempotencyKey: `demo-store-credit-${index}`,
    });
    if (given.ok) creditGiven++;
  }
  return { cardsSold, creditGiven };
}
