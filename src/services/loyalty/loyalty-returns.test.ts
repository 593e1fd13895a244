import { points as asPoints } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
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
import { selectOpenPointsLots } from '../../store/loyalty.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { adjustPoints } from './loyalty-bonus.ts';
import { explainPoints, loyaltySummary } from './loyalty-view.ts';
import { returnItems } from '../sales/returns.ts';
import { voidSale } from '../sales/sale-void.ts';
import { completeSale } from '../sales/sales.ts';

describe.each(testDatabases())('points through sales, returns and voids on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let rewardId: string;
  const clock = { now: new Date('2026-11-22T10:00:00Z') };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    await setRules(deps, shop.actors.admin, { enabled: true, spendPerPoint: 1000 });
    rewardId = await newReward(deps, shop.actors.admin, 10, 100);
  });
  afterAll(() => handle.close());

  const buy = async (
    customerId: string,
    lines: { product: string; quantity: number }[],
    extra = {},
  ) => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines,
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
        ...extra,
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    return sale.value;
  };
  const giveBack = (lineId: string, quantity: number, idempotencyKey = key()) =>
    returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity }],
        withReceipt: true,
        reason: 'changed mind',
        idempotencyKey,
      },
    });

  it('earns one point per 10.00 on what was paid, rounded down', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Earl Earner');
    const sale = await buy(customerId, [
      { product: 'JEAN-32', quantity: 1 },
      { product: 'TEE-M-BLK', quantity: 1 },
    ]);
    expect(sale.loyalty.pointsEarned).toBe(10);
    expect(await points(deps, customerId)).toBe(10);
  });

  it('buy, refund, keep the points: a full refund takes them all back', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Keeper Kay');
    const sale = await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 2 }]);
    expect(await points(deps, customerId)).toBe(5);
    const back = await giveBack(sale.lines[0]!.id, 2);
    expect(back.ok && back.value.loyalty.pointsEarned).toBe(-5);
    expect(await points(deps, customerId)).toBe(0);
  });

  it('takes points back once per unit: partial returns add up, retries change nothing', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Twice Tina');
    const sale = await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 3 }]);
    expect(await points(deps, customerId)).toBe(7);
    const retryKey = key();
    const first = await giveBack(sale.lines[0]!.id, 1, retryKey);
    const retry = await giveBack(sale.lines[0]!.id, 1, retryKey);
    expect(first.ok && retry.ok && retry.value.id === first.value.id).toBe(true);
    expect(await points(deps, customerId)).toBe(4);
    await giveBack(sale.lines[0]!.id, 1);
    await giveBack(sale.lines[0]!.id, 1);
    expect(await points(deps, customerId)).toBe(0);
    const again = await giveBack(sale.lines[0]!.id, 1);
    expect(again).toMatchObject({ ok: false, code: 'return_exceeds_sold' });
    expect(await points(deps, customerId)).toBe(0);
    await expectPointsBalanced(deps);
  });

  it('gives back reward points spent on a sale that is refunded', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Redeemer Rae');
    await buy(customerId, [{ product: 'JEAN-32', quantity: 2 }]);
    expect(await points(deps, customerId)).toBe(16);
    const sale = await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 2 }], { rewardId });
    expect(sale.loyalty).toMatchObject({
      rewardDiscountTotal: 100,
      pointsRedeemed: 10,
      pointsEarned: 4,
    });
    expect(sale.total).toBe(4900);
    expect(await points(deps, customerId)).toBe(16 - 10 + 4);
    await giveBack(sale.lines[0]!.id, 2);
    expect(await points(deps, customerId)).toBe(16);
    const explained = await explainPoints(deps, customerId);
    if (!explained.ok) throw new Error(explained.message);
    expect(explained.value.events.map((event) => [event.kind, event.points])).toEqual([
      ['ACCUMULATE', 16],
      ['REDEEM', -10],
      ['ACCUMULATE', 4],
      ['REVERSE', 10],
      ['REVERSE', -4],
    ]);
    const total = Object.values(explained.value.byKind).reduce((sum, value) => sum + value, 0);
    expect(total).toBe(explained.value.balance);
  });

  it('refuses a reward the customer cannot afford, or without a customer', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Poor Pat');
    const refused = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
        rewardId,
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'insufficient_points' });
    const anonymous = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
        rewardId,
        idempotencyKey: key(),
      },
    });
    expect(anonymous).toMatchObject({ ok: false, field: 'rewardId' });
    const unknown = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
        rewardId: '01900000-0000-7000-8000-000000000000',
        idempotencyKey: key(),
      },
    });
    expect(unknown).toMatchObject({ ok: false, code: 'reward_not_found' });
    expect(await points(deps, customerId)).toBe(0);
  });

  it('never goes below zero unless the rules allow it, and writes off the rest', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Spender Sid');
    const first = await buy(customerId, [{ product: 'JEAN-32', quantity: 2 }]);
    await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 1 }], { rewardId });
    expect(await points(deps, customerId)).toBe(16 - 10 + 2);
    await giveBack(first.lines[0]!.id, 2);
    expect(await points(deps, customerId)).toBe(0);
    const explained = await explainPoints(deps, customerId);
    const reverse = explained.ok ? explained.value.events.at(-1) : undefined;
    expect(reverse).toMatchObject({
      kind: 'REVERSE',
      points: -8,
      details: { due: 16, writtenOff: 8 },
    });

    await setRules(deps, shop.actors.admin, { allowNegativeBalance: true });
    const second = await buy(customerId, [{ product: 'JEAN-32', quantity: 1 }]);
    await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 1 }], { rewardId: undefined });
    await adjustPoints({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { points: asPoints(-8), reasonCode: 'correction', reason: 'test' },
      idempotencyKey: key(),
    });
    await giveBack(second.lines[0]!.id, 1);
    expect(await points(deps, customerId)).toBe(8 + 2 - 8 - 8);
    const summary = await loyaltySummary(deps, customerId);
    expect(summary.ok && summary.value).toMatchObject({ balance: -6, allowNegativeBalance: true });
    await setRules(deps, shop.actors.admin, { allowNegativeBalance: false });
    await expectPointsBalanced(deps);
  });

  it("takes a return's points off the lot its sale earned, then the ordinary way", async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Lot Lou');
    const lotsBySale = async () =>
      new Map(
        (await selectOpenPointsLots(deps.db, customerId)).map((lot) => [lot.saleId, lot.remaining]),
      );
    const started = clock.now;
    try {
      const older = await buy(customerId, [{ product: 'JEAN-32', quantity: 2 }]);
      clock.now = new Date(started.getTime() + 86_400_000);
      const newer = await buy(customerId, [{ product: 'TEE-M-BLK', quantity: 2 }]);
      expect(await lotsBySale()).toEqual(
        new Map([
          [older.id, 16],
          [newer.id, 5],
        ]),
      );
      await giveBack(newer.lines[0]!.id, 1);
      // The tee's 3 points come off the tee's own lot, not the older jeans' one.
      expect(await lotsBySale()).toEqual(
        new Map([
          [older.id, 16],
          [newer.id, 2],
        ]),
      );
      // Spend 15 (soonest, oldest first: 15 of the jeans' 16); the tee's last 2 points
      // then come off what is left of its lot, and nothing else.
      await adjustPoints({
        deps,
        actor: shop.actors.supervisor,
        customerId,
        input: { points: asPoints(-15), reasonCode: 'correction', reason: 'test' },
        idempotencyKey: key(),
      });
      await giveBack(newer.lines[0]!.id, 1);
      expect(await lotsBySale()).toEqual(new Map([[older.id, 1]]));
      await expectPointsBalanced(deps);
    } finally {
      clock.now = started;
    }
  });

  it('a void takes back what the sale earned and returns what it spent', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Void Vera');
    await buy(customerId, [{ product: 'JEAN-32', quantity: 2 }]);
    const sale = await buy(customerId, [{ product: 'JEAN-32', quantity: 1 }], { rewardId });
    expect(await points(deps, customerId)).toBe(16 - 10 + 7);
    const voided = await voidSale({
      deps,
      actor: shop.actors.supervisor,
      saleId: sale.id,
      input: {
        reason: 'wrong customer',
        idempotencyKey: key(),
      },
    });
    expect(voided.ok).toBe(true);
    expect(await points(deps, customerId)).toBe(16);
    await expectPointsBalanced(deps);
  });
});
