import { minor, points } from '../src/domain/units.ts';
import { sql } from 'kysely';
import { createRandom } from '../src/demo/generate-customers.ts';
import type { LoyaltyRules } from '../src/domain/loyalty-rules.ts';
import { systemActor, type ServiceDeps } from '../src/services/platform/context.ts';
import { saveGroup, setGroupMembership } from '../src/services/customers/customer-groups.ts';
import {
  changeLoyaltyRules,
  savePromotion,
  type PromotionInput,
} from '../src/services/loyalty/loyalty-program.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import type { TenderRequest } from '../src/services/stored-value/stored-value-sale.ts';
import { basketMaker, drive } from './checkout-drive.ts';
import type { CheckoutShop } from './checkout-shop.ts';

const hourMs = 3_600_000;
const threeYearsMs = 3 * 365 * 86_400_000;

/** One point per 10.00, outerwear double, footwear one and a half, socks half, kids none. */
export const benchRules: Partial<LoyaltyRules> = {
  enabled: true,
  spendPerPoint: 1000,
  categoryMultipliers: { outerwear: 20_000, footwear: 15_000, accessories: 5_000 },
  excludedCategories: ['kids'],
};

/**
 * The programme on. With `since`, the same rules first as a version in force from then
 * (changeLoyaltyRules refuses a past effectiveFrom, so it is called with its clock set
 * back): the seeded history then earned points too, and the customers' ledgers and lots
 * are as long as their histories. The version the measured sales earn by is made now.
 */
export async function switchLoyaltyOn(deps: ServiceDeps, since: Date | null): Promise<number> {
  if (since) {
    const early = await changeLoyaltyRules({
      deps: { ...deps, now: () => since },
      actor: systemActor,
      changes: benchRules,
    });
    if (!early.ok) throw new Error(`changeLoyaltyRules (backdated): ${early.message}`);
  }
  const current = await changeLoyaltyRules({ deps, actor: systemActor, changes: benchRules });
  if (!current.ok) throw new Error(`changeLoyaltyRules: ${current.message}`);
  return current.value.version;
}

export async function selectCategories(deps: ServiceDeps): Promise<string[]> {
  const rows = await sql<{ category: string }>`
    SELECT DISTINCT category FROM products WHERE category IS NOT NULL ORDER BY category
  `.execute(deps.db);
  return rows.rows.map((row) => row.category);
}

/**
 * `count` promotions, all running now (from an hour ago to a day ahead), saved inactive;
 * `activate(n)` switches the first n on and the rest off. The first applies to every
 * sale; the others mix multipliers (1.5x–3x) and bonuses, on one to three categories or
 * all, some with a minimum spend, so the search for the best one has real work.
 */
export async function createPromotions(
  deps: ServiceDeps,
  options: { count: number; categories: readonly string[]; seed: number },
): Promise<{ activate: (active: number) => Promise<void> }> {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = deps.now().getTime();
  const window = {
    startsAt: new Date(now - hourMs).toISOString(),
    endsAt: new Date(now + 24 * hourMs).toISOString(),
  };
  const inputs: PromotionInput[] = Array.from({ length: options.count }, (_, index) => {
    if (index === 0) {
      return { name: 'Double points week', kind: 'multiplier', multiplierBp: 20_000, ...window };
    }
    const categories =
      random() < 0.2
        ? []
        : [
            ...new Set(
              Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(options.categories)),
            ),
          ];
    const minSpend = minor(random() < 0.5 ? 0 : 2000 + 500 * Math.floor(random() * 27));
    const common = { categories, minSpend, ...window, active: false };
    const multiplierBp = pick([15_000, 20_000, 25_000, 30_000]);
    return random() < 0.6
      ? {
          name: `Promotion ${index + 1}: ${multiplierBp / 10_000}x`,
          kind: 'multiplier',
          multiplierBp,
          ...common,
        }
      : {
          name: `Promotion ${index + 1}: bonus`,
          kind: 'bonus',
          bonusPoints: points(5 + Math.floor(random() * 46)),
          ...common,
        };
  });
  const ids: string[] = [];
  const active: boolean[] = [];
  for (const input of inputs) {
    const saved = await savePromotion({
      deps,
      actor: systemActor,
      input: { ...input, active: false },
    });
    if (!saved.ok) throw new Error(`savePromotion: ${saved.message}`);
    ids.push(saved.value.id);
    active.push(false);
  }
  return {
    async activate(count: number) {
      for (const [index, input] of inputs.entries()) {
        const wanted = index < count;
        if (active[index] === wanted) continue;
        const saved = await savePromotion({
          deps,
          actor: systemActor,
          input: {
            ...input,
            id: ids[index]!,
            active: wanted,
          },
        });
        if (!saved.ok) throw new Error(`savePromotion: ${saved.message}`);
        active[index] = wanted;
      }
    },
  };
}

/** A manual group with a discount and an earning multiplier, and its members. */
export async function createGroup(
  deps: ServiceDeps,
  members: readonly string[],
): Promise<{ name: string; discountBp: number; earnMultiplierBp: number }> {
  const group = { name: 'Gold', discountBp: 500, earnMultiplierBp: 15_000 };
  const saved = await saveGroup({
    deps,
    actor: systemActor,
    input: { ...group, kind: 'manual', rule: null },
  });
  if (!saved.ok) throw new Error(`saveGroup: ${saved.message}`);
  for (const customerId of members) {
    const joined = await setGroupMembership({
      deps,
      actor: systemActor,
      groupId: saved.value.id,
      customerId,
      member: true,
    });
    if (!joined.ok) throw new Error(`setGroupMembership: ${joined.message}`);
  }
  return group;
}

/**
 * Gives each customer `perCustomer` past sales, as seedHistory in checkout-history.ts
 * does (completeSale as an import, spread evenly over the last three years), but with
 * the sales of all the customers interleaved: one customer's sales in parallel would
 * queue on that customer's points balance and leave the other register idle.
 */
export async function seedPastSales(
  deps: ServiceDeps,
  shop: CheckoutShop,
  options: { customerIds: readonly string[]; perCustomer: number; seed: number },
): Promise<{ seconds: number; sales: number }> {
  const { customerIds, perCustomer } = options;
  const nextBasket = basketMaker(shop, options.seed);
  const now = Date.now();
  const result = await drive({
    workers: shop.tills.length,
    seconds: 0,
    sales: customerIds.length * perCustomer,
    perform: async (worker, index) => {
      const customerId = customerIds[index % customerIds.length]!;
      const nth = Math.floor(index / customerIds.length);
      const { customer: _ignored, ...basket } = nextBasket();
      const sale = await completeSale({
        deps,
        actor: shop.tills[worker]!.actor,
        input: {
          ...basket,
          customer: { id: customerId },
          idempotencyKey: `history-${customerId}-${nth}`,
          completedAt: new Date(
            now - threeYearsMs + Math.floor((nth * threeYearsMs) / perCustomer),
          ),
        },
        source: 'import',
      });
      if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    },
  });
  if (result.failures > 0) throw new Error(`history seed: ${result.firstFailure}`);
  return { seconds: result.seconds, sales: result.sales };
}

/**
 * A customer is at one till at a time: a worker draws at random among the customers not
 * in a sale at another till, so concurrency never turns into queueing on one balance.
 */
export function customerPicker(customerIds: readonly string[], seed: number) {
  const random = createRandom(seed);
  const free = [...customerIds];
  return {
    acquire(): string {
      if (free.length === 0) throw new Error('more workers than customers');
      const index = Math.floor(random() * free.length);
      const [id] = free.splice(index, 1);
      return id!;
    },
    release(id: string) {
      free.push(id);
    },
  };
}

/** 1–4 lines typed by SKU, 1–2 of each, paid in cash rounded up to 5.00 (so there is change). */
export function loyaltyBasketMaker(
  shop: CheckoutShop,
  seed: number,
): () => { lines: { product: string; quantity: number }[]; tenders: TenderRequest[] } {
  const random = createRandom(seed);
  return () => {
    const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const product = shop.products[Math.floor(random() * shop.products.length)]!;
      return { product, quantity: 1 + Math.floor(random() * 2) };
    });
    // Before the group's discount: what the customer hands over covers the total either way.
    const total = lines.reduce((sum, line) => sum + line.product.price * line.quantity, 0);
    return {
      lines: lines.map((line) => ({ product: line.product.sku, quantity: line.quantity })),
      tenders: [{ kind: 'cash', received: Math.ceil(total / 500) * 500 }],
    };
  };
}
