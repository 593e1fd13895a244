import { points as asPoints } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { postgresOnly, testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import {
  expectPointsBalanced,
  newCustomer,
  newReward,
  points,
  setRules,
} from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectLoyaltyEvents } from '../../store/loyalty.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { adjustPoints } from '../loyalty/loyalty-bonus.ts';
import { returnItems } from './returns.ts';
import { attachSale, detachSale } from './sale-attach.ts';
import { completeSale } from './sales.ts';

async function setUp(database: { open: () => Promise<DatabaseHandle> }) {
  const handle = await database.open();
  const deps = serviceDeps(handle);
  const shop = await createTestShop(deps);
  await createTestCatalogue(deps.db);
  // One point per 10.00.
  await setRules(deps, shop.actors.admin, { enabled: true, spendPerPoint: 1000 });
  return { handle, deps, shop };
}

/** A sale rung up without the customer's card. */
async function walkIn(
  deps: ServiceDeps,
  shop: TestShop,
  lines: { product: string; quantity: number }[],
  customerId?: string,
  extra = {},
) {
  const sale = await completeSale({
    deps,
    actor: shop.actors.cashier,
    input: {
      ...(customerId ? { customer: { id: customerId } } : {}),
      lines,
      tenders: [{ kind: 'cash', received: 100_000 }],
      idempotencyKey: key(),
      ...extra,
    },
  });
  if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
  return sale.value;
}

describe.each(testDatabases())('points follow a sale attached or detached on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;

  beforeAll(async () => {
    ({ handle, deps, shop } = await setUp(database));
  });
  afterAll(() => handle.close());

  const attach = (saleId: string, customerId: string) =>
    attachSale({ deps, actor: shop.actors.cashier, saleId, customerId });
  const detach = (saleId: string) =>
    detachSale({ deps, actor: shop.actors.supervisor, saleId, reason: 'wrong customer' });
  const eventsOf = async (customerId: string) =>
    (await selectLoyaltyEvents(deps.db, customerId))
      .reverse()
      .map((event) => [event.kind, event.points]);

  it('earns on a forgotten-card sale attached afterwards, once however often it is tried', async () => {
    const ann = await newCustomer(deps, shop.actors.cashier, 'Ann Afterwards');
    const sale = await walkIn(deps, shop, [{ product: 'JEAN-32', quantity: 2 }]);
    const attached = await attach(sale.id, ann);
    expect(attached).toMatchObject({ ok: true, value: { loyalty: { pointsEarned: 16 } } });
    expect(await attach(sale.id, ann)).toMatchObject({
      ok: false,
      code: 'sale_already_attached',
    });
    expect(await points(deps, ann)).toBe(16);
    expect(await eventsOf(ann)).toEqual([['ACCUMULATE', 16]]);
    await expectPointsBalanced(deps);
  });

  it('moves the points with the sale: attach, detach, attach elsewhere, and back', async () => {
    const bea = await newCustomer(deps, shop.actors.cashier, 'Bea Wrong');
    const cal = await newCustomer(deps, shop.actors.cashier, 'Cal Right');
    const sale = await walkIn(deps, shop, [{ product: 'JEAN-32', quantity: 2 }], bea);
    expect(await points(deps, bea)).toBe(16);
    const detached = await detach(sale.id);
    expect(detached).toMatchObject({ ok: true, value: { customer: null } });
    expect(await detach(sale.id)).toMatchObject({ ok: false, code: 'sale_not_attached' });
    expect(await points(deps, bea)).toBe(0);
    expect((await attach(sale.id, cal)).ok).toBe(true);
    expect(await points(deps, cal)).toBe(16);
    expect((await detach(sale.id)).ok).toBe(true);
    expect((await attach(sale.id, bea)).ok).toBe(true);
    expect(await points(deps, bea)).toBe(16);
    expect(await points(deps, cal)).toBe(0);
    expect(await eventsOf(bea)).toEqual([
      ['ACCUMULATE', 16],
      ['REVERSE', -16],
      ['ACCUMULATE', 16],
    ]);
    await expectPointsBalanced(deps);
  });

  it('counts units returned before or after: only what was kept earns, and goes', async () => {
    const dee = await newCustomer(deps, shop.actors.cashier, 'Dee Returns');
    // Three tees (75.00) earn 7 points, one unit's share being 3, 2 and 2.
    const sale = await walkIn(deps, shop, [{ product: 'TEE-M-BLK', quantity: 3 }]);
    const giveBack = () =>
      returnItems({
        deps,
        actor: shop.actors.cashier,
        input: {
          lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }],
          withReceipt: true,
          reason: 'Changed mind',
          idempotencyKey: key(),
        },
      });
    expect((await giveBack()).ok).toBe(true);
    expect((await attach(sale.id, dee)).ok).toBe(true);
    expect(await points(deps, dee)).toBe(4);
    const second = await giveBack();
    expect(second).toMatchObject({ ok: true, value: { customer: { id: dee } } });
    expect(await points(deps, dee)).toBe(2);
    expect((await detach(sale.id)).ok).toBe(true);
    expect(await points(deps, dee)).toBe(0);
    await expectPointsBalanced(deps);
  });

  it('takes back only what the customer still has when balances may not go negative', async () => {
    const eve = await newCustomer(deps, shop.actors.cashier, 'Eve Spender');
    const fay = await newCustomer(deps, shop.actors.cashier, 'Fay Owner');
    const sale = await walkIn(deps, shop, [{ product: 'JEAN-32', quantity: 2 }], eve);
    const spent = await adjustPoints({
      deps,
      actor: shop.actors.supervisor,
      customerId: eve,
      input: { points: asPoints(-10), reasonCode: 'correction', reason: 'test' },
      idempotencyKey: key(),
    });
    expect(spent.ok).toBe(true);
    expect((await detach(sale.id)).ok).toBe(true);
    expect(await points(deps, eve)).toBe(0);
    const [reversal] = await selectLoyaltyEvents(deps.db, eve);
    expect(reversal).toMatchObject({
      kind: 'REVERSE',
      points: -6,
      details: { due: 16, writtenOff: 10 },
    });
    expect((await attach(sale.id, fay)).ok).toBe(true);
    expect(await points(deps, fay)).toBe(16);
    await expectPointsBalanced(deps);
  });

  it("refuses to detach a sale paid for partly with the customer's reward points", async () => {
    const gus = await newCustomer(deps, shop.actors.cashier, 'Gus Reward');
    const rewardId = await newReward(deps, shop.actors.admin, 10, 100);
    await walkIn(deps, shop, [{ product: 'JEAN-32', quantity: 2 }], gus);
    const sale = await walkIn(deps, shop, [{ product: 'SOCK-3', quantity: 1 }], gus, {
      rewardId,
    });
    const before = await points(deps, gus);
    expect(await detach(sale.id)).toMatchObject({ ok: false, code: 'sale_not_detachable' });
    expect(await points(deps, gus)).toBe(before);
  });
});

const postgres = postgresOnly({ poolSize: 16 });

describe.runIf(postgres)('attaching one sale from many tills on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;

  beforeAll(async () => {
    ({ handle, deps, shop } = await setUp(postgres!));
  });
  afterAll(() => handle?.close());

  it('lets one of eight simultaneous attaches win and earns once', async () => {
    const customers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        newCustomer(deps, shop.actors.cashier, `Racer ${index}`),
      ),
    );
    const sale = await walkIn(deps, shop, [{ product: 'JEAN-32', quantity: 2 }]);
    const results = await Promise.all(
      customers.map((customerId) =>
        attachSale({ deps, actor: shop.actors.cashier, saleId: sale.id, customerId }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const result of results) {
      if (!result.ok) expect(result.code).toBe('sale_already_attached');
    }
    const balances = await Promise.all(customers.map((customerId) => points(deps, customerId)));
    expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(16);
    await expectPointsBalanced(deps);
  });
});
