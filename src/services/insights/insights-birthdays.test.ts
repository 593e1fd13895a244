import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { eraseCustomer } from '../customers/customer-erasure.ts';
import { mergeCustomers } from '../customers/customer-merge.ts';
import { createCustomer, updateCustomer } from '../customers/customers.ts';
import { setProfilingObjection } from '../customers/profiling-objection.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { updateShopSettings } from '../shop/settings.ts';
import { upcomingBirthdays } from './insights-lists.ts';
import { recomputeInsights } from './insights-recompute.ts';

describe.each(testDatabases())('birthdays ahead on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2026-12-29T09:00:00Z') };
  const ids: Record<string, string> = {};

  const create = async (name: string, birthday: string | null) => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name, ...(birthday ? { birthday } : {}) },
    });
    if (!created.ok) throw new Error(created.message);
    ids[name] = created.value.customer.id;
  };
  const ahead = async (on: string, days: number) => {
    clock.now = new Date(`${on}T09:00:00Z`);
    const found = await upcomingBirthdays(deps, { page: 1, pageSize: 50, outletId: null, days });
    if (!found.ok) throw new Error(found.message);
    return found.value.items.map((item) => `${item.on} ${item.name}`);
  };
  const lookups = () =>
    deps.db
      .selectFrom('customer_lookups')
      .select(['customer_id', 'digest'])
      .where('kind', '=', 'birthday_md')
      .execute();

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await create('New Year Nia', '1990-01-01');
    await create('December Dan', '1985-12-30');
    await create('Later Lou', '1980-01-05');
    await create('Leap Lee', '1992-02-29');
    await create('No Birthday Ned', null);
  });
  afterAll(() => handle.close());

  it('crosses the year end, soonest first, from the month-day index alone', async () => {
    expect(await ahead('2026-12-29', 5)).toEqual([
      '2026-12-30 December Dan',
      '2027-01-01 New Year Nia',
    ]);
    // Nothing but keyed hashes: no digest is the plain month and day.
    for (const row of await lookups()) expect(row.digest.toString('utf8')).not.toMatch(/\d\d-\d\d/);
  });

  it('shows a 29 February birthday on the 28th in a year without one', async () => {
    expect(await ahead('2027-02-27', 3)).toEqual(['2027-02-28 Leap Lee']);
    expect(await ahead('2028-02-27', 2)).toEqual([]);
    expect(await ahead('2028-02-27', 3)).toEqual(['2028-02-29 Leap Lee']);
  });

  it('follows an edited birthday and a merge', async () => {
    clock.now = new Date('2026-12-29T09:00:00Z');
    const edited = await updateCustomer({
      deps,
      actor: shop.actors.cashier,
      id: ids['Later Lou']!,
      input: { birthday: '1980-12-31' },
    });
    expect(edited.ok).toBe(true);
    const merged = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: ids['No Birthday Ned']!,
      mergedId: ids['New Year Nia']!,
    });
    expect(merged.ok).toBe(true);
    expect(await ahead('2026-12-29', 5)).toEqual([
      '2026-12-30 December Dan',
      '2026-12-31 Later Lou',
      '2027-01-01 No Birthday Ned',
    ]);
  });

  it('writes the index for birthdays saved before it existed, once', async () => {
    await deps.db.deleteFrom('customer_lookups').where('kind', '=', 'birthday_md').execute();
    expect(await ahead('2026-12-29', 5)).toEqual([]);
    const run = await recomputeInsights(deps);
    expect(run.birthdaysIndexed).toBe(4);
    expect((await recomputeInsights(deps)).birthdaysIndexed).toBe(0);
    expect(await ahead('2026-12-29', 5)).toHaveLength(3);
  });

  it('leaves out customers who objected to profiling or were erased', async () => {
    await setProfilingObjection({
      deps,
      actor: shop.actors.cashier,
      customerId: ids['December Dan']!,
      objects: true,
    });
    const erased = await eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: ids['Later Lou']! },
      input: { reason: 'customer asked in writing' },
    });
    expect(erased.ok).toBe(true);
    expect(await ahead('2026-12-29', 5)).toEqual(['2027-01-01 No Birthday Ned']);
    const left = (await lookups()).map((row) => row.customer_id);
    expect(left).not.toContain(ids['Later Lou']);
  });

  it('looks as far ahead as the birthdayDays setting says when no days are given', async () => {
    clock.now = new Date('2026-12-29T09:00:00Z');
    const bad = await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { birthdayDays: 0 },
    });
    expect(bad).toMatchObject({ ok: false, code: 'validation_failed', field: 'birthdayDays' });
    const fallback = await upcomingBirthdays(deps, { page: 1, pageSize: 5, outletId: null });
    expect(fallback.ok && fallback.value.days).toBe(14);
    const set = await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { birthdayDays: 2 },
    });
    expect(set.ok && set.value.birthdayDays).toBe(2);
    const found = await upcomingBirthdays(deps, { page: 1, pageSize: 5, outletId: null });
    expect(found.ok && found.value.days).toBe(2);
  });
});
