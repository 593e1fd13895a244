import { points } from '../../domain/units.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newCustomer, newReward, setRules } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import { formatReceiptText } from '../../domain/receipt-text.ts';
import type { Receipt } from '../../domain/receipts.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { insertOutlet, insertRegister } from '../../store/outlets.ts';
import { upsertProducts } from '../../store/catalogue.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { saveGroup, setGroupMembership } from '../customers/customer-groups.ts';
import { adjustPoints } from '../loyalty/loyalty-bonus.ts';
import { receiptForSale } from '../receipts/receipts.ts';
import { returnItems } from './returns.ts';
import type { SaleView } from './sale-view.ts';
import { completeSale } from './sales.ts';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
/** "-1.20" -> -120 (GBP, two decimals). */
const minor = (amount: string) => Math.round(Number(amount) * 100);

/** The receipt's rows add up: lines to the subtotal, then subtotal, discounts and tax to the total. */
function expectReceiptAddsUp(receipt: Receipt) {
  const totals = receipt.totals.map((row) => ({ label: row.label, amount: minor(row.amount) }));
  const subtotal = totals.find((row) => row.label === 'Subtotal')!.amount;
  const tax = totals.find((row) => row.label === 'Tax')?.amount ?? 0;
  const discounts = sum(totals.map((row) => row.amount)) - subtotal - tax;
  expect(sum(totals.map((row) => row.amount))).toBe(minor(receipt.total.amount));
  expect(sum(receipt.lines.map((line) => minor(line.amount)))).toBe(subtotal);
  expect(sum(receipt.lines.map((line) => (line.discount ? minor(line.discount) : 0)))).toBe(
    discounts,
  );
  const text = formatReceiptText(receipt);
  for (const row of receipt.totals) expect(text).toContain(row.label);
}

/** One sale or return, as the API shows it and as every receipt prints it, adds up. */
async function expectDocumentAddsUp(deps: ServiceDeps, view: SaleView) {
  const taxAdded = view.pricingMode === 'tax_exclusive' ? view.taxTotal : 0;
  expect(view.subtotal - view.discountTotal + taxAdded).toBe(view.total);
  expect(sum(view.lines.map((line) => line.unitPrice * line.quantity))).toBe(view.subtotal);
  expect(sum(view.lines.map((line) => line.discount))).toBe(view.discountTotal);
  expect(sum(view.lines.map((line) => line.tax))).toBe(view.taxTotal);
  expect(sum(view.lines.map((line) => line.total))).toBe(view.total);
  expect(sum(view.lines.map((line) => line.groupDiscount))).toBe(view.loyalty.groupDiscountTotal);
  expect(sum(view.lines.map((line) => line.rewardDiscount))).toBe(view.loyalty.rewardDiscountTotal);
  const receipt = await receiptForSale(deps, view.id);
  if (!receipt.ok) throw new Error(receipt.message);
  expectReceiptAddsUp(receipt.value.receipt);
}

describe.each(testDatabases())('documents of sales and returns add up on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let vip: string;
  let rewardId: string;
  let exclusiveRegister: string;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    await upsertProducts(deps.db, [
      {
        sku: 'CANDLE',
        barcode: null,
        name: 'Fig candle',
        category: 'home',
        brand: null,
        size: null,
        colour: null,
        price: 2400,
        currency: 'GBP',
        taxRateBp: 2000,
      },
      {
        sku: 'ODD-7',
        barcode: null,
        name: 'Odd lot',
        category: 'home',
        brand: null,
        size: null,
        colour: null,
        price: 777,
        currency: 'GBP',
        taxRateBp: 875,
      },
    ]);
    const outletId = await insertOutlet(deps.db, {
      code: 'EXC',
      name: 'Tax added outlet',
      currency: 'GBP',
      timeZone: 'Europe/London',
      settings: {},
      pricingMode: 'tax_exclusive',
    });
    exclusiveRegister = await insertRegister(deps.db, {
      outletId,
      code: 'EXC-1',
      name: 'Till E',
    });
    await setRules(deps, shop.actors.admin, { enabled: true, spendPerPoint: 1000 });
    rewardId = await newReward(deps, shop.actors.admin, 10, 150);
    const group = await saveGroup({
      deps,
      actor: shop.actors.supervisor,
      input: {
        name: 'VIP',
        kind: 'manual',
        rule: null,
        discountBp: 500,
        earnMultiplierBp: 10_000,
      },
    });
    if (!group.ok) throw new Error(group.message);
    vip = group.value.id;
  });
  afterAll(() => handle.close());

  async function member(name: string): Promise<string> {
    const customerId = await newCustomer(deps, shop.actors.cashier, name);
    await setGroupMembership({
      deps,
      actor: shop.actors.supervisor,
      groupId: vip,
      customerId,
      member: true,
    });
    return customerId;
  }

  it("gives back a VIP's 5% with the candle, on screen and on the refund receipt", async () => {
    const customerId = await member('Vera Vip');
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'CANDLE', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 2280 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    expect(sale.value.total).toBe(2280);
    const back = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'Changed mind',
        idempotencyKey: key(),
      },
    });
    if (!back.ok) throw new Error(back.message);
    expect(back.value).toMatchObject({
      subtotal: -2400,
      discountTotal: -120,
      total: -2280,
      loyalty: { groupName: 'VIP', groupDiscountTotal: -120 },
    });
    expect(back.value.lines[0]).toMatchObject({ discount: -120, groupDiscount: -120 });
    await expectDocumentAddsUp(deps, back.value);
  });

  const basket = fc.array(
    fc.record({
      product: fc.constantFrom('CANDLE', 'ODD-7', 'TEE-M-BLK', 'BOOK-1', 'SOCK-3'),
      quantity: fc.integer({ min: 1, max: 5 }),
      discountPercent: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 1, maxLength: 4 },
  );
  const prices: Record<string, number> = {
    CANDLE: 2400,
    'ODD-7': 777,
    'TEE-M-BLK': 2500,
    'BOOK-1': 999,
    'SOCK-3': 1000,
  };
  const scenario = fc.record({
    lines: basket,
    exclusive: fc.boolean(),
    inGroup: fc.boolean(),
    reward: fc.boolean(),
    // Each return picks some units of some lines; whatever is left comes back at the end.
    returns: fc.array(
      fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 3 })), { maxLength: 3 }),
      {
        maxLength: 3,
      },
    ),
  });

  it('for any sale and any returns (partial, repeated) every document adds up', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (plan) => {
        const customerId = plan.inGroup
          ? await member('Prop Member')
          : await newCustomer(deps, shop.actors.cashier, 'Prop Plain');
        if (plan.reward) {
          const given = await adjustPoints({
            deps,
            actor: shop.actors.supervisor,
            customerId,
            input: { points: points(50), reasonCode: 'goodwill', reason: 'test' },
            idempotencyKey: key(),
          });
          if (!given.ok) throw new Error(given.message);
        }
        const sale = await completeSale({
          deps,
          actor: shop.actors.cashier,
          input: {
            ...(plan.exclusive ? { registerId: exclusiveRegister } : {}),
            customer: { id: customerId },
            lines: plan.lines.map((line) => ({
              product: line.product,
              quantity: line.quantity,
              discount: Math.floor(
                (prices[line.product]! * line.quantity * line.discountPercent) / 100,
              ),
            })),
            tenders: [{ kind: 'cash', received: 10_000_000 }],
            idempotencyKey: key(),
            ...(plan.reward ? { rewardId } : {}),
          },
        });
        if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
        await expectDocumentAddsUp(deps, sale.value);
        const left = new Map(sale.value.lines.map((line) => [line.id, line.quantity]));
        const returns: SaleView[] = [];
        const everythingLeft = [...left.keys()].map(
          (_, index) => [index, 1_000] as [number, number],
        );
        for (const picks of [...plan.returns, everythingLeft]) {
          const wanted = new Map<string, number>();
          for (const [index, units] of picks) {
            const line = sale.value.lines[index % sale.value.lines.length]!;
            const room = left.get(line.id)! - (wanted.get(line.id) ?? 0);
            if (room > 0) wanted.set(line.id, (wanted.get(line.id) ?? 0) + Math.min(units, room));
          }
          if (wanted.size === 0) continue;
          const back = await returnItems({
            deps,
            actor: shop.actors.cashier,
            input: {
              ...(plan.exclusive ? { registerId: exclusiveRegister } : {}),
              lines: [...wanted].map(([saleLineId, quantity]) => ({ saleLineId, quantity })),
              withReceipt: true,
              reason: 'Changed mind',
              idempotencyKey: key(),
            },
          });
          if (!back.ok) throw new Error(`${back.code}: ${back.message}`);
          for (const [id, units] of wanted) left.set(id, left.get(id)! - units);
          await expectDocumentAddsUp(deps, back.value);
          returns.push(back.value);
        }
        // Everything came back: the returns undo the sale exactly, discounts included.
        const undone = (figure: (view: SaleView) => number) =>
          sum(returns.map(figure)) + figure(sale.value);
        expect(undone((view) => view.subtotal)).toBe(0);
        expect(undone((view) => view.discountTotal)).toBe(0);
        expect(undone((view) => view.taxTotal)).toBe(0);
        expect(undone((view) => view.total)).toBe(0);
        expect(undone((view) => view.loyalty.groupDiscountTotal)).toBe(0);
        expect(undone((view) => view.loyalty.rewardDiscountTotal)).toBe(0);
      }),
      { numRuns: 12, seed: 20261130 },
    );
  });
});
