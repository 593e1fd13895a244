import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.ts';
import { serviceDeps } from '../../test/support/deps.ts';
import type { DatabaseHandle } from '../store/database.ts';
import { selectGiftCardLedgerMismatches } from '../store/gift-cards.ts';
import { selectLoyaltyMismatches } from '../store/loyalty.ts';
import { selectStoreCreditMismatches } from '../store/store-credit.ts';
import type { ServiceDeps } from './context.ts';
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
});
