import { minor } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { postgresOnly, testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newCustomer as createTestCustomer } from '../../../test/support/loyalty.ts';
import {
  cardBalance,
  creditBalance,
  expectLedgersBalanced,
  key,
  printCards,
  sellCard,
} from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { mergeCustomers } from '../customers/customer-merge.ts';
import { completeSale } from '../sales/sales.ts';
import { updateShopSettings } from '../shop/settings.ts';
import { adjustStoreCredit, storeCreditOf } from './store-credit.ts';
import { expireStoredValue } from './stored-value-expiry.ts';
import { storedValueReport, storedValueReportCsv } from './stored-value-report.ts';

describe.each(testDatabases())('store credit, expiry and liability on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let clock = new Date('2026-11-22T10:00:00Z');

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
  });
  afterAll(() => handle.close());

  const newCustomer = (name: string) => createTestCustomer(deps, shop.actors.cashier, name);
  const give = (
    customerId: string,
    amount: number,
    expiresAt: string | null,
    reason = 'goodwill',
  ) =>
    adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { currency: 'GBP', amount: minor(amount), reason, expiresAt },
      idempotencyKey: key(),
    });

  it('spends the credit that expires soonest, then expires the rest once', async () => {
    const customerId = await newCustomer('Ella Expiry');
    expect((await give(customerId, 1000, null)).ok).toBe(true);
    expect((await give(customerId, 700, '2026-12-01T00:00:00Z')).ok).toBe(true);
    expect((await give(customerId, 500, '2027-03-01T00:00:00Z')).ok).toBe(true);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'store_credit' }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const view = await storeCreditOf(deps, customerId);
    if (!view.ok) throw new Error(view.message);
    // 700 (Dec) spent whole, then 300 of the 500 (Mar); the never-expiring 1000 untouched.
    expect(view.value.accounts[0]).toMatchObject({
      balance: 1200,
      spendable: 1200,
      expiring: [{ amount: 200, expiresAt: '2027-03-01T00:00:00.000Z' }],
    });
    clock = new Date('2027-04-01T00:00:00Z');
    const first = await expireStoredValue(deps);
    expect(first.storeCredit).toEqual({ count: 1, amount: 200 });
    const second = await expireStoredValue(deps);
    expect(second.storeCredit).toEqual({ count: 0, amount: 0 });
    expect(await creditBalance(deps, customerId)).toBe(1000);
    const after = await storeCreditOf(deps, customerId);
    expect(after.ok && after.value.entries.map((entry) => entry.kind)).toEqual([
      'ADJUST_INCREMENT',
      'ADJUST_INCREMENT',
      'ADJUST_INCREMENT',
      'REDEEM',
      'EXPIRE',
    ]);
    await expectLedgersBalanced(deps);
  });

  it('expires gift cards by the shop setting, once', async () => {
    clock = new Date('2026-11-22T10:00:00Z');
    await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { giftCardExpiryMonths: 12 },
    });
    const [number] = await printCards(deps, shop.actors.supervisor, 1);
    await sellCard(deps, shop.actors.cashier, number!, 4000);
    clock = new Date('2027-11-23T10:00:00Z');
    const refused = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: number! }],
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'gift_card_expired' });
    expect((await expireStoredValue(deps)).giftCards).toEqual({ count: 1, amount: 4000 });
    expect((await expireStoredValue(deps)).giftCards).toEqual({ count: 0, amount: 0 });
    expect(await cardBalance(deps, number!)).toBe(0);
    await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { giftCardExpiryMonths: null },
    });
    await expectLedgersBalanced(deps);
  });

  it('refuses adjustments without a reason, of zero, or taking more than held', async () => {
    const customerId = await newCustomer('Adam Adjust');
    expect(await give(customerId, 100, null, ' ')).toMatchObject({ ok: false, field: 'reason' });
    expect(await give(customerId, 0, null)).toMatchObject({ ok: false, field: 'amount' });
    expect(await give(customerId, -1, null)).toMatchObject({
      ok: false,
      code: 'insufficient_balance',
    });
    expect(await give(customerId, 100, '2020-01-01T00:00:00Z')).toMatchObject({
      ok: false,
      field: 'expiresAt',
    });
    expect(await creditBalance(deps, customerId)).toBe(0);
  });

  it('answers a retried adjustment once, and refuses its key with another amount', async () => {
    const customerId = await newCustomer('Rory Retry');
    const request = {
      currency: 'GBP',
      amount: minor(900),
      reason: 'late delivery',
      expiresAt: null,
    };
    const retryKey = key();
    const first = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: request,
      idempotencyKey: retryKey,
    });
    const again = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: request,
      idempotencyKey: retryKey,
    });
    expect(again).toEqual(first);
    const other = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { ...request, amount: minor(901) },
      idempotencyKey: retryKey,
    });
    expect(other).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
    expect(await creditBalance(deps, customerId)).toBe(900);
  });

  it('moves store credit and gift cards to the survivor of a merge', async () => {
    const survivor = await newCustomer('Mona Merge');
    const merged = await newCustomer('Mona Merge (dup)');
    await give(survivor, 300, null);
    await give(merged, 450, '2028-01-01T00:00:00Z');
    const result = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: survivor,
      mergedId: merged,
    });
    if (!result.ok) throw new Error(result.message);
    expect(await creditBalance(deps, survivor)).toBe(750);
    expect(await creditBalance(deps, merged)).toBe(0);
    const view = await storeCreditOf(deps, survivor);
    expect(view.ok && view.value.accounts[0]!.expiring).toEqual([
      { amount: 450, expiresAt: '2028-01-01T00:00:00.000Z' },
    ]);
    await expectLedgersBalanced(deps);
  });

  it('reports liability that adds up to the cards and accounts, and exports it', async () => {
    clock = new Date('2026-11-22T10:00:00Z');
    const numbers = await printCards(deps, shop.actors.supervisor, 2);
    await sellCard(deps, shop.actors.cashier, numbers[0]!, 2500);
    await sellCard(deps, shop.actors.cashier, numbers[1]!, 1500);
    const report = await storedValueReport(deps, { from: '2026-01-01', to: '2028-01-01' });
    if (!report.ok) throw new Error(report.message);
    const outstanding = await handle.db
      .selectFrom('gift_cards')
      .select((eb) => eb.fn.sum<number>('balance').as('sum'))
      .executeTakeFirstOrThrow();
    const byOutlet = report.value.giftCards.byOutlet.reduce((sum, row) => sum + row.balance, 0);
    const byAge = report.value.giftCards.byAge.reduce((sum, row) => sum + row.balance, 0);
    expect(byOutlet).toBe(Number(outstanding.sum));
    expect(byAge).toBe(byOutlet);
    expect(report.value.giftCards.byOutlet).toContainEqual(
      expect.objectContaining({ outlet: 'TST', currency: 'GBP' }),
    );
    const november = report.value.giftCards.movements.find((row) => row.month === '2026-11');
    expect(november!.issued).toBeGreaterThanOrEqual(4000);
    const expired = report.value.giftCards.movements.find((row) => row.month === '2027-11');
    expect(expired!.expired).toBe(4000);
    const credits = await handle.db
      .selectFrom('store_credit_accounts')
      .select((eb) => eb.fn.sum<number>('balance').as('sum'))
      .executeTakeFirstOrThrow();
    expect(report.value.storeCredit.outstanding[0]!.balance).toBe(Number(credits.sum));
    const csv = storedValueReportCsv(report.value);
    expect(csv.split('\n')[0]).toBe(
      'section,key,currency,count,balance,issued,redeemed,refunded,expired,adjusted',
    );
    expect(csv).toContain('gift_card_outstanding_by_outlet,TST,GBP');
    expect(await storedValueReport(deps, { from: 'soon' })).toMatchObject({
      ok: false,
      field: 'from',
    });
  });
});

const postgres = postgresOnly({ poolSize: 16 });

describe.runIf(postgres)('store credit spent from many tills at once on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;

  beforeAll(async () => {
    handle = await postgres!.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
  });
  afterAll(() => handle?.close());

  it('never spends more than the account holds', async () => {
    const customerId = await createTestCustomer(deps, shop.actors.cashier, 'Rush Hour');
    await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: {
        currency: 'GBP',
        amount: minor(2000),
        reason: 'race test',
        expiresAt: '2030-01-01T00:00:00Z',
      },
      idempotencyKey: key(),
    });
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        completeSale({
          deps,
          actor: shop.actors.cashier,
          input: {
            customer: { id: customerId },
            lines: [{ product: 'SOCK-3', quantity: 1 }],
            tenders: [
              { kind: 'store_credit', amount: 300 },
              { kind: 'cash', received: 700 },
            ],
            idempotencyKey: key(),
          },
        }),
      ),
    );
    const paid = results.filter((result) => result.ok).length;
    expect(paid).toBe(6);
    for (const result of results) {
      if (!result.ok) expect(result.code).toBe('insufficient_balance');
    }
    expect(await creditBalance(deps, customerId)).toBe(2000 - 6 * 300);
    await expectLedgersBalanced(deps);
  });
});
