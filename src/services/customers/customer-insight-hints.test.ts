import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newReward, setRules } from '../../../test/support/loyalty.ts';
import type { TillInsight } from '../../domain/insights/till-hint.ts';
import { points, type Points } from '../../domain/units.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectCustomerPageWithHints } from '../../store/insight-hints.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { eraseCustomer } from './customer-erasure.ts';
import { mergeCustomers } from './customer-merge.ts';
import { buildCustomerView, buildCustomerViews } from './customer-view.ts';
import { createCustomer, getCustomer } from './customers.ts';
import { setProfilingObjection } from './profiling-objection.ts';

/**
 * The till's hint is read with the customer row on a look-up or a list page, and by a
 * query of its own for a view built from a row just written: every path must show the
 * same hint, and none to a customer who objected to profiling, was erased or merged.
 */
describe.each(testDatabases())('till insight hints on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const ids: Record<string, string> = {};
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  const create = async (name: string, birthday?: string) => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name, ...(birthday ? { birthday } : {}) },
    });
    ids[name] = must(created).customer.id;
  };
  const storeInsight = (name: string, gapDays: number | null, percentile: number) =>
    deps.db
      .insertInto('customer_insights')
      .values({
        customer_id: ids[name]!,
        computed_at: new Date('2026-12-01T02:00:00Z'),
        model_version: 'test',
        method: gapDays === null ? 'rule' : 'model',
        visit_days: 4,
        first_purchase_on: '2026-01-10',
        last_purchase_on: '2026-11-10',
        p_alive: gapDays === null ? null : 0.8,
        expected_90: null,
        expected_365: null,
        value_12m: null,
        typical_gap_days: gapDays,
        next_due_on: null,
        value_at_risk: 0,
        lapsed: false,
        r_score: 4,
        f_score: 3,
        m_score: 5,
        segment: 'Champions',
        value_percentile: percentile,
        spend_12m: 40_000,
        visits_12m: 4,
        home_outlet_id: null,
      })
      .execute();
  const givePoints = (name: string, balance: Points) =>
    deps.db
      .insertInto('loyalty_accounts')
      .values({ customer_id: ids[name]!, balance })
      .onConflict((conflict) => conflict.column('customer_id').doUpdateSet({ balance }))
      .execute();

  /** The hint as a look-up, a list page and a view of a row read without it show it. */
  const hintsOf = async (name: string) => {
    const id = ids[name]!;
    const lookedUp = must(await getCustomer(deps, id)).insight;
    const row = (await findCustomerById(deps.db, id))!;
    const built = (await buildCustomerView({ db: deps.db, vault: deps.vault, row, now: clock.now }))
      .insight;
    const page = await selectCustomerPageWithHints(deps.db, {
      status: row.status,
      text: row.searchName,
      offset: 0,
      limit: 10,
    });
    const paged = (
      await buildCustomerViews({ db: deps.db, vault: deps.vault, rows: page.rows, now: clock.now })
    ).find((view) => view.id === id)!.insight;
    return { lookedUp, built, paged };
  };
  const expectEverywhere = async (name: string, insight: TillInsight | null) => {
    expect(await hintsOf(name)).toEqual({ lookedUp: insight, built: insight, paged: insight });
  };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await setRules(deps, shop.actors.admin, { enabled: true });
    await newReward(deps, shop.actors.admin, 100, 300);
    await newReward(deps, shop.actors.admin, 250, 900);
    await create('Ann Regular', '1990-12-04');
    await create('Ben New');
    for (const name of ['Otto Objects', 'Eve Erased', 'Mia Merged']) await create(name);
    await storeInsight('Ann Regular', 20.6, 96.5);
    for (const name of ['Otto Objects', 'Eve Erased', 'Mia Merged']) {
      await storeInsight(name, null, 50);
    }
    await givePoints('Ann Regular', points(300));
    await givePoints('Otto Objects', points(300));
    must(
      await setProfilingObjection({
        deps,
        actor: shop.actors.cashier,
        customerId: ids['Otto Objects']!,
        objects: true,
      }),
    );
    must(
      await eraseCustomer({
        deps,
        actor: shop.actors.admin,
        customer: { id: ids['Eve Erased']! },
        input: { reason: 'asked in writing' },
      }),
    );
    must(
      await mergeCustomers({
        deps,
        actor: shop.actors.supervisor,
        survivorId: ids['Ben New']!,
        mergedId: ids['Mia Merged']!,
      }),
    );
  });
  afterAll(() => handle.close());

  it('shows the stored scores, a birthday soon and the best affordable reward', async () => {
    await expectEverywhere('Ann Regular', {
      dueEveryDays: 21,
      lastSeenDaysAgo: 21,
      lapsed: false,
      welcomeBack: false,
      birthdaySoon: true,
      topPercent: 5,
      segment: 'Champions',
      method: 'model',
      computedAt: '2026-12-01T02:00:00.000Z',
      suggestedReward: { id: expect.any(String), name: '900 off for 250', pointsCost: 250 },
    });
  });

  it('shows an empty hint to a customer with no scores yet', async () => {
    await expectEverywhere('Ben New', {
      dueEveryDays: null,
      lastSeenDaysAgo: null,
      lapsed: false,
      welcomeBack: false,
      birthdaySoon: false,
      topPercent: null,
      segment: null,
      method: null,
      computedAt: null,
      suggestedReward: null,
    });
  });

  it('shows none to a customer who objected to profiling, was erased or merged', async () => {
    await expectEverywhere('Otto Objects', null);
    await expectEverywhere('Eve Erased', null);
    await expectEverywhere('Mia Merged', null);
  });
});
