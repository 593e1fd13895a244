import { demoCatalogue } from '../../demo/catalogue.ts';
import { createRandom } from '../../demo/generate-customers.ts';
import { selectRegisters } from '../../store/outlets.ts';
import { findStaffByUsername } from '../../store/staff.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { completeSale } from '../sales/sales.ts';
import { demoCashierAt } from './demo-cashier.ts';

const dayMs = 86_400_000;

/** How many demo customers get a rhythm: half still coming, half gone quiet. */
export const demoRegularCount = 16;

/**
 * Regular customers with a rhythm of their own, so the insights have something to say on
 * a demo shop: the random history gives nearly everyone one or two visits, and nobody
 * who lapsed. Each regular comes every 2 to 4 weeks (give or take two days) for about a
 * year; every other one stopped 45 to 90 days ago, which both the model and the rule
 * (3+ visits in six months, none in six weeks) call lapsed. They buy at one outlet, as
 * regulars do, through the same sale service as the till.
 */
export async function seedDemoRegulars(
  deps: ServiceDeps,
  customers: readonly string[],
): Promise<number> {
  const random = createRandom(2212);
  const registers = await selectRegisters(deps.db);
  const cashier = await findStaffByUsername(deps.db, 'cara');
  const products = demoCatalogue('GBP');
  if (!cashier || registers.length === 0) return 0;
  const now = deps.now().getTime();
  let made = 0;
  for (const [index, customerId] of customers.slice(0, demoRegularCount).entries()) {
    const register = registers[index % registers.length]!;
    const actor = demoCashierAt(cashier, register);
    const gapDays = 14 + 7 * (index % 3);
    const stoppedDaysAgo = index % 2 === 1 ? 45 + Math.floor(random() * 46) : 0;
    const visits = Math.floor(365 / gapDays);
    for (let visit = 0; visit < visits; visit++) {
      const jitter = Math.floor(random() * 5) - 2;
      const daysAgo = stoppedDaysAgo + 1 + (visits - 1 - visit) * gapDays + jitter;
      const product = products[(index + visit) % products.length]!;
      const sale = await completeSale({
        deps,
        actor,
        input: {
          customer: { id: customerId },
          lines: [{ product: product.sku, quantity: 1 }],
          tenders: [{ kind: 'card', amount: product.price, reference: `DEMO-R${index}-${visit}` }],
          idempotencyKey: `demo-regular-${index}-${visit}`,
          completedAt: new Date(now - Math.max(1, daysAgo) * dayMs - 3 * 3_600_000),
        },
        source: 'demo',
      });
      if (sale.ok) made++;
    }
  }
  return made;
}
