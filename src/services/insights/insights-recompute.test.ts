import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newCustomer } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { insertOutlet, insertRegister } from '../../store/outlets.ts';
import { selectStoredInsights } from '../../store/insights.ts';
import { eraseCustomer } from '../customers/customer-erasure.ts';
import { exportCustomer } from '../customers/customer-export.ts';
import { mergeCustomers } from '../customers/customer-merge.ts';
import { setProfilingObjection } from '../customers/profiling-objection.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { completeSale } from '../sales/sales.ts';
import { recomputeInsights } from './insights-recompute.ts';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe.each(testDatabases())('insights recompute on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: day('2026-06-01') };
  const ids: Record<string, string> = {};

  const buyOn = async (customerId: string, on: string) => {
    clock.now = day(on);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
  };
  const rowsOf = async (names: string[]) =>
    selectStoredInsights(deps.db, {
      customerIds: names.map((name) => ids[name]!),
      profiledOnly: false,
    });

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    for (const name of [
      'Regular Rita',
      'Lapsed Larry',
      'Once Olive',
      'Objecting Otto',
      'Erased Ed',
    ])
      ids[name] = await newCustomer(deps, shop.actors.cashier, name);
    // Rita comes every fortnight; Larry came monthly and stopped in early September.
    for (const on of ['2026-08-01', '2026-08-15', '2026-08-29', '2026-09-12', '2026-09-26'])
      await buyOn(ids['Regular Rita']!, on);
    for (const on of ['2026-06-05', '2026-07-05', '2026-08-05', '2026-09-05'])
      await buyOn(ids['Lapsed Larry']!, on);
    await buyOn(ids['Once Olive']!, '2026-09-20');
    for (const on of ['2026-08-01', '2026-09-01']) {
      await buyOn(ids['Objecting Otto']!, on);
      await buyOn(ids['Erased Ed']!, on);
    }
    clock.now = day('2026-10-01');
  });
  afterAll(() => handle.close());

  it('falls back to the rule on a tiny shop and says why', async () => {
    const run = await recomputeInsights(deps);
    expect(run.method).toBe('rule');
    expect(run.fallbackReason).toMatch(/customers with a purchase/);
    expect(run.customers).toBe(5);
    const stored = await deps.db.selectFrom('insight_runs').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ method: 'rule', customers: 5, converged: null });
  });

  it('scores each customer by the rule: lapsed, rhythm, next due, RFM', async () => {
    clock.now = day('2026-11-01');
    await recomputeInsights(deps);
    const [rita, larry, olive] = await rowsOf(['Regular Rita', 'Lapsed Larry', 'Once Olive']);
    expect(larry).toMatchObject({
      method: 'rule',
      lapsed: true,
      visitDays: 4,
      lastPurchaseOn: '2026-09-05',
      pAlive: null,
    });
    expect(larry!.typicalGapDays).toBeCloseTo(30.67, 1);
    expect(larry!.valueAtRisk).toBeGreaterThan(0);
    // Rita is overdue by her own rhythm, but the rule waits six weeks (36 days so far).
    expect(rita).toMatchObject({ lapsed: false, typicalGapDays: 14, nextDueOn: '2026-10-10' });
    expect(olive).toMatchObject({ lapsed: false, visitDays: 1, typicalGapDays: null });
    expect(olive!.nextDueOn).toBeNull();
    for (const row of [rita, larry, olive]) {
      expect(row!.rScore).toBeGreaterThanOrEqual(1);
      expect(row!.rScore).toBeLessThanOrEqual(5);
    }
  });

  it('never scores a customer who objected or was erased, and drops their old rows', async () => {
    expect(await rowsOf(['Objecting Otto', 'Erased Ed'])).toHaveLength(2);
    await setProfilingObjection({
      deps,
      actor: shop.actors.cashier,
      customerId: ids['Objecting Otto']!,
      objects: true,
    });
    const erased = await eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: ids['Erased Ed']! },
      input: { reason: 'customer asked in writing' },
    });
    expect(erased.ok).toBe(true);
    // Both lose their scores at once, not at the next recompute.
    expect(await rowsOf(['Objecting Otto', 'Erased Ed'])).toEqual([]);
    const run = await recomputeInsights(deps);
    expect(run.customers).toBe(3);
    expect(run.removed).toBe(0);
    // An objection written some other way is still caught by the recompute.
    await deps.db
      .updateTable('customers')
      .set({ objects_to_profiling_at: clock.now })
      .where('id', '=', ids['Once Olive']!)
      .execute();
    const next = await recomputeInsights(deps);
    expect(next).toMatchObject({ customers: 2, removed: 1 });
    expect(await rowsOf(['Once Olive'])).toEqual([]);
    expect(await rowsOf(['Objecting Otto', 'Erased Ed'])).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await deps.db
      .selectFrom('customer_insights')
      .selectAll()
      .orderBy('customer_id')
      .execute();
    const run = await recomputeInsights(deps);
    const after = await deps.db
      .selectFrom('customer_insights')
      .selectAll()
      .orderBy('customer_id')
      .execute();
    expect(after).toEqual(before);
    expect(run.removed).toBe(0);
  });

  it("lists the customer's scores in their data export, marked as inferences", async () => {
    const exported = await exportCustomer({
      deps,
      actor: shop.actors.supervisor,
      customer: { id: ids['Lapsed Larry']! },
      reason: 'customer asked for a copy',
    });
    if (!exported.ok) throw new Error(exported.message);
    const scores = exported.value.inferences.scores;
    expect(scores.find((score) => score.name.startsWith('lapsed'))).toMatchObject({
      name: 'lapsed (stated rule rule/1)',
      value: true,
    });
    expect(scores.map((score) => score.name)).toContain('RFM segment (stated rule rule/1)');
  });

  it('refuses NaN and Infinity in a score column', async () => {
    for (const [column, value] of [
      ['p_alive', 'NaN'],
      ['p_alive', '1.5'],
      ['expected_90', 'NaN'],
      ['expected_365', 'Infinity'],
      ['typical_gap_days', 'NaN'],
      ['value_percentile', 'NaN'],
    ] as const) {
      await expect(
        sql`UPDATE customer_insights SET ${sql.ref(column)} = ${value}::double precision`.execute(
          deps.db,
        ),
      ).rejects.toThrow(/check constraint/);
    }
  });

  it("deletes a merged-away customer's scores with the merge", async () => {
    const kept = await newCustomer(deps, shop.actors.cashier, 'Merge Keeper');
    const gone = await newCustomer(deps, shop.actors.cashier, 'Merge Gone');
    await buyOn(gone, '2026-10-20');
    clock.now = day('2026-11-01');
    await recomputeInsights(deps);
    expect(
      await selectStoredInsights(deps.db, { customerIds: [gone], profiledOnly: false }),
    ).toHaveLength(1);
    const merged = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: kept,
      mergedId: gone,
    });
    expect(merged.ok).toBe(true);
    expect(
      await selectStoredInsights(deps.db, { customerIds: [gone], profiledOnly: false }),
    ).toEqual([]);
    await recomputeInsights(deps);
    const [survivor] = await selectStoredInsights(deps.db, {
      customerIds: [kept],
      profiledOnly: false,
    });
    expect(survivor).toMatchObject({ visitDays: 1, lastPurchaseOn: '2026-10-20' });
  });
  it("dates each purchase in its own outlet's time zone", async () => {
    const outletId = await insertOutlet(deps.db, {
      code: 'AKL',
      name: 'Auckland',
      currency: 'GBP',
      timeZone: 'Pacific/Auckland',
      settings: {},
    });
    const registerId = await insertRegister(deps.db, { outletId, code: 'AKL-1', name: 'Till' });
    const kim = await newCustomer(deps, shop.actors.cashier, 'Kiwi Kim');
    const atAuckland = { ...shop.actors.cashier, outletId, registerId };
    // 11:30 UTC on 20 October is 00:30 on the 21st in Auckland (UTC+13), and 12:30 in London.
    for (const [actor, at] of [
      [atAuckland, '2026-10-20T11:30:00Z'],
      [shop.actors.cashier, '2026-10-25T11:30:00Z'],
    ] as const) {
      clock.now = new Date(at);
      const sale = await completeSale({
        deps,
        actor,
        input: {
          customer: { id: kim },
          lines: [{ product: 'JEAN-32', quantity: 1 }],
          tenders: [{ kind: 'cash', received: 100_000 }],
          idempotencyKey: key(),
        },
      });
      if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    }
    clock.now = day('2026-11-01');
    await recomputeInsights(deps);
    const [row] = await selectStoredInsights(deps.db, { customerIds: [kim], profiledOnly: false });
    expect(row).toMatchObject({
      visitDays: 2,
      firstPurchaseOn: '2026-10-21',
      lastPurchaseOn: '2026-10-25',
    });
  });
});
