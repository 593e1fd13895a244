import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { expectPointsBalanced, newCustomer, setRules } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import { minor } from '../../domain/units.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectGiftCardLedgerMismatches } from '../../store/gift-cards.ts';
import { selectStoreCreditMismatches } from '../../store/store-credit.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { completeSale } from '../sales/sales.ts';
import { updateShopSettings } from '../shop/settings.ts';
import { adjustStoreCredit } from '../stored-value/store-credit.ts';
import { detachSalesAfterRetention } from './retention.ts';

describe.each(testDatabases())('retention of accounting records on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2018-03-01T10:00:00Z') };
  const sales: Record<'erasedOld' | 'erasedRecent' | 'activeOld', string> = {
    erasedOld: '',
    erasedRecent: '',
    activeOld: '',
  };
  let erasedId: string;

  const buy = async (customerId: string, at: string, withCredit = false) => {
    clock.now = new Date(at);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [
          { product: 'JEAN-32', quantity: 1 },
          { product: 'TEE-M-BLK', quantity: 2 },
        ],
        tenders: [
          ...(withCredit ? [{ kind: 'store_credit' as const, amount: 500 }] : []),
          { kind: 'cash', received: 100_000 },
        ],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    return sale.value.id;
  };
  // The erasure service is written alongside this job; all the job reads of it is the
  // status. erased_at is set too where the schema has it (it must be, with the status).
  const markErased = async (customerId: string) => {
    const column = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_name = 'customers' AND column_name = 'erased_at'`.execute(deps.db);
    const erasedAt = column.rows[0]!.n > 0 ? sql`, erased_at = now()` : sql``;
    await sql`UPDATE customers SET status = 'erased'${erasedAt} WHERE id = ${customerId}`.execute(
      deps.db,
    );
  };
  const linksOf = async (saleId: string) => {
    const sale = await deps.db
      .selectFrom('sales')
      .select('customer_id')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    const lines = await deps.db
      .selectFrom('sale_lines')
      .select('customer_id')
      .where('sale_id', '=', saleId)
      .execute();
    return [sale.customer_id, ...lines.map((line) => line.customer_id)];
  };
  const ledgers = async () => ({
    points: await deps.db
      .selectFrom('loyalty_accounts')
      .select(['customer_id', 'balance'])
      .orderBy('customer_id')
      .execute(),
    credit: await deps.db
      .selectFrom('store_credit_accounts')
      .select(['customer_id', 'balance'])
      .orderBy('customer_id')
      .execute(),
    pointsEvents: await deps.db
      .selectFrom('loyalty_events')
      .select(['id', 'customer_id', 'sale_id', 'points'])
      .orderBy('id')
      .execute(),
    creditEntries: await deps.db
      .selectFrom('store_credit_entries')
      .select(['id', 'account_id', 'sale_id', 'amount'])
      .orderBy('id')
      .execute(),
  });
  const detachAudits = () =>
    deps.db
      .selectFrom('audit_log')
      .select(['detail', 'actor_label'])
      .where('action', '=', 'sales.detached_after_retention')
      .orderBy('at')
      .execute();

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    // A rule version in force from 2018, so the old sales earn points.
    await setRules(deps, shop.actors.admin, { spendPerPoint: 1000 });
    erasedId = await newCustomer(deps, shop.actors.cashier, 'Erin Erased');
    const activeId = await newCustomer(deps, shop.actors.cashier, 'Ada Active');
    const credit = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId: erasedId,
      input: { currency: 'GBP', amount: minor(1500), reason: 'goodwill', expiresAt: null },
      idempotencyKey: key(),
    });
    if (!credit.ok) throw new Error(credit.message);
    sales.erasedOld = await buy(erasedId, '2018-03-01T10:00:00Z', true);
    sales.activeOld = await buy(activeId, '2018-03-02T10:00:00Z');
    sales.erasedRecent = await buy(erasedId, '2025-06-01T10:00:00Z', true);
    await markErased(erasedId);
    clock.now = new Date('2026-12-01T09:00:00Z');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('detaches an erased customer from sales past the country default, ledgers untouched', async () => {
    const before = await ledgers();
    expect(before.pointsEvents.some((event) => event.sale_id === sales.erasedOld)).toBe(true);
    const run = await detachSalesAfterRetention(deps);
    // GB, the shop's default country, keeps 6 years.
    expect(run).toEqual({
      years: 6,
      cutoff: new Date('2020-12-01T09:00:00Z'),
      sales: 1,
      saleLines: 2,
    });
    expect(await linksOf(sales.erasedOld)).toEqual([null, null, null]);
    expect(await linksOf(sales.erasedRecent)).toEqual([erasedId, erasedId, erasedId]);
    // Active customers keep their history, however old.
    expect((await linksOf(sales.activeOld)).every((id) => id !== null)).toBe(true);
    // Ledger rows and balances are as they were (they still name the sale and the
    // erased customer's id), so every balance is the sum of its entries.
    expect(await ledgers()).toEqual(before);
    await expectPointsBalanced(deps);
    expect(await selectStoreCreditMismatches(deps.db)).toEqual([]);
    expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
    expect(await detachAudits()).toEqual([
      {
        actor_label: 'system',
        detail: { years: 6, cutoff: '2020-12-01T09:00:00.000Z', sales: 1, saleLines: 2 },
      },
    ]);
  });

  it('changes nothing and writes no audit entry on a second run', async () => {
    const before = await ledgers();
    const again = await detachSalesAfterRetention(deps);
    expect(again).toMatchObject({ sales: 0, saleLines: 0 });
    expect(await ledgers()).toEqual(before);
    expect(await detachAudits()).toHaveLength(1);
  });

  it("follows the shop's own period, and refuses one outside 1 to 30 years", async () => {
    for (const years of [0, 31, 2.5]) {
      const refused = await updateShopSettings({
        db: deps.db,
        actor: shop.actors.admin,
        changes: { accountingRetentionYears: years },
      });
      expect(refused).toMatchObject({ ok: false, field: 'accountingRetentionYears' });
    }
    const norway = await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { defaultCountry: 'NO', accountingRetentionYears: null },
    });
    expect(norway).toMatchObject({ ok: true, value: { accountingRetentionYears: null } });
    expect(await detachSalesAfterRetention(deps)).toMatchObject({ years: 5, sales: 0 });
    const one = await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { accountingRetentionYears: 1 },
    });
    expect(one).toMatchObject({ ok: true, value: { accountingRetentionYears: 1 } });
    expect(await detachSalesAfterRetention(deps)).toMatchObject({
      years: 1,
      sales: 1,
      saleLines: 2,
    });
    expect(await linksOf(sales.erasedRecent)).toEqual([null, null, null]);
    await expectPointsBalanced(deps);
    expect(await selectStoreCreditMismatches(deps.db)).toEqual([]);
  });
});
