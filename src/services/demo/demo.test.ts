import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnly, testDatabases } from '../../../test/support/databases.ts';
import { serviceDeps } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectTableRowCounts } from '../../store/demo-reset.ts';
import { selectGiftCardLedgerMismatches } from '../../store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../../store/loyalty.ts';
import { insertStaff } from '../../store/staff.ts';
import { selectStoreCreditMismatches } from '../../store/store-credit.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { markDemoSeeding } from './demo-seed-state.ts';
import { selectLapsed } from '../../store/insight-lists.ts';
import { recomputeInsights } from '../insights/insights-recompute.ts';
import { demoRegularCount } from './demo-regulars.ts';
import { seedDemoShopIfEmpty } from './demo.ts';

describe.each(testDatabases().slice(0, 1))('the demo shop on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    await seedDemoShopIfEmpty(deps, { log: () => {}, customers: 240 });
  }, 120_000);
  afterAll(() => handle.close());

  it('has history that earned points, tiers with members, sold gift cards, balanced ledgers', async () => {
    const count = async (table: 'loyalty_events' | 'customer_group_members' | 'gift_cards') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('loyalty_events')).toBeGreaterThan(10);
    expect(await count('customer_group_members')).toBeGreaterThan(0);
    const active = await handle.db
      .selectFrom('gift_cards')
      .select('number')
      .where('state', '=', 'ACTIVE')
      .execute();
    expect(active.map((card) => card.number)).toContain('700000000018');
    expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
    expect(await selectStoreCreditMismatches(deps.db)).toEqual([]);
    expect(await selectLoyaltyMismatches(deps.db)).toEqual([]);
  });

  it('has regulars with a rhythm, half of whom the insights find lapsed', async () => {
    const run = await recomputeInsights(deps);
    // 240 customers is under the model's minimum: the rule decides, as on a small shop.
    expect(run.method).toBe('rule');
    expect(run.lapsed).toBeGreaterThanOrEqual(demoRegularCount / 2);
    const lapsed = await selectLapsed(deps.db, {
      outletId: null,
      page: { limit: 50, offset: 0 },
    });
    expect(lapsed.total).toBe(run.lapsed);
    expect(lapsed.rows.every((row) => row.valueAtRisk > 0)).toBe(true);
  });

  it('keeps an unfinished demo shop that someone has added to, rather than wipe it', async () => {
    await markDemoSeeding({ db: deps.db, state: 'started', at: new Date() });
    await insertStaff(deps.db, {
      username: 'owner',
      displayName: 'Real Owner',
      role: 'admin',
      passwordHash: 'x',
      pinHash: 'x',
      homeOutletId: null,
    });
    const before = await selectTableRowCounts(deps.db);
    const said: string[] = [];
    expect(await seedDemoShopIfEmpty(deps, { log: (line) => said.push(line) })).toBeNull();
    expect(said.join('\n')).toContain('0 sales, 1 staff and 0 customers were added');
    expect(await selectTableRowCounts(deps.db)).toEqual(before);
  });
});

const postgres = postgresOnly();

describe.runIf(postgres)('two processes starting on one empty PostgreSQL database', () => {
  it('seed the demo shop once between them', { timeout: 120_000 }, async () => {
    const handle = await postgres!.open();
    try {
      const deps = serviceDeps(handle);
      const seeded = await Promise.all([
        seedDemoShopIfEmpty(deps, { log: () => {}, customers: 16 }),
        seedDemoShopIfEmpty(deps, { log: () => {}, customers: 16 }),
      ]);
      expect(seeded.filter((result) => result !== null)).toHaveLength(1);
      const rows = await selectTableRowCounts(handle.db);
      expect(rows.customers).toBe(16);
      expect(rows.staff).toBe(5);
      expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
