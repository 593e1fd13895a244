import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newCustomer } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import { minor } from '../../domain/units.ts';
import { selectCustomerChanges } from '../../store/customer-changes.ts';
import { selectGroupsOfCustomer } from '../../store/customer-groups.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { completeSale } from '../sales/sales.ts';
import { recomputeGroups, saveGroup, setGroupMembership } from './customer-groups.ts';
import { eraseCustomer } from './customer-erasure.ts';
import { mergeCustomers } from './customer-merge.ts';
import { getCustomer } from './customers.ts';
import { setProfilingObjection } from './profiling-objection.ts';

describe.each(testDatabases())('objection to profiling on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let vipId: string;
  let handPickedId: string;
  const clock = { now: new Date('2026-11-22T10:00:00Z') };

  const buy = async (customerId: string) => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'JEAN-32', quantity: 2 }],
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
  };
  const groupNames = async (customerId: string) =>
    (await selectGroupsOfCustomer(deps.db, customerId)).map((group) => group.name).sort();
  const object = (customerId: string, objects: boolean, reason?: string) =>
    setProfilingObjection({
      deps,
      actor: shop.actors.cashier,
      customerId,
      objects,
      ...(reason ? { reason } : {}),
    });
  const auditOf = async (customerId: string) =>
    deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', customerId)
      .where('action', 'like', 'customer.profiling%')
      .orderBy('at')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    const vip = await saveGroup({
      deps,
      actor: shop.actors.supervisor,
      input: {
        name: 'VIP',
        kind: 'rule',
        rule: { type: 'spend', minSpend: minor(15_000), months: 12 },
        discountBp: 1000,
        earnMultiplierBp: 10_000,
      },
    });
    const handPicked = await saveGroup({
      deps,
      actor: shop.actors.supervisor,
      input: {
        name: 'Friends',
        kind: 'manual',
        rule: null,
        discountBp: 500,
        earnMultiplierBp: 10_000,
      },
    });
    if (!vip.ok || !handPicked.ok) throw new Error('groups not saved');
    vipId = vip.value.id;
    handPickedId = handPicked.value.id;
  });
  afterAll(() => handle.close());

  it('keeps an objecting customer out of rule groups until the objection is cleared', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Olga Objects');
    await buy(customerId);
    await setGroupMembership({
      deps,
      actor: shop.actors.supervisor,
      groupId: handPickedId,
      customerId,
      member: true,
    });
    await recomputeGroups(deps, [vipId]);
    expect(await groupNames(customerId)).toEqual(['Friends', 'VIP']);

    const objected = await object(customerId, true, 'asked at the till');
    expect(objected.ok && objected.value.objectsToProfilingAt).toBe(clock.now.toISOString());
    // Out of the rule group at once, and the recompute keeps them out; the manual group stays.
    expect(await groupNames(customerId)).toEqual(['Friends']);
    await recomputeGroups(deps, [vipId]);
    expect(await groupNames(customerId)).toEqual(['Friends']);

    const cleared = await object(customerId, false);
    expect(cleared.ok && cleared.value.objectsToProfilingAt).toBeNull();
    await recomputeGroups(deps, [vipId]);
    expect(await groupNames(customerId)).toEqual(['Friends', 'VIP']);
  });

  it('keeps the first date when asked twice, and writes history and audit once per change', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Tess Twice');
    const first = clock.now;
    await object(customerId, true, 'by letter');
    clock.now = new Date(first.getTime() + 86_400_000);
    const again = await object(customerId, true, 'by letter again');
    clock.now = first;
    expect(again.ok && again.value.objectsToProfilingAt).toBe(first.toISOString());
    const viewed = await getCustomer(deps, customerId);
    expect(viewed.ok && viewed.value.objectsToProfilingAt).toBe(first.toISOString());

    clock.now = new Date(first.getTime() + 2 * 86_400_000);
    await object(customerId, false, 'changed her mind');
    clock.now = first;
    const changes = (await selectCustomerChanges(deps.db, customerId, 10)).filter(
      (change) => change.kind === 'profiling_objection',
    );
    expect(changes.map((change) => change.fields)).toEqual([
      { objects: false, reason: 'changed her mind' },
      { objects: true, reason: 'by letter' },
    ]);
    expect(changes[1]!.actorStaffId).toBe(shop.staff.cashier.id);
    expect(await auditOf(customerId)).toEqual([
      { action: 'customer.profiling_objected', detail: { reason: 'by letter', leftGroups: 0 } },
      { action: 'customer.profiling_objection_cleared', detail: { reason: 'changed her mind' } },
    ]);
  });

  it('carries an objection through a merge to the survivor, out of rule groups', async () => {
    const survivor = await newCustomer(deps, shop.actors.cashier, 'Mo Keeps');
    const objecting = await newCustomer(deps, shop.actors.cashier, 'Mo Objects');
    await buy(survivor);
    await recomputeGroups(deps, [vipId]);
    expect(await groupNames(survivor)).toEqual(['VIP']);
    await object(objecting, true, 'by email');
    const merge = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: survivor,
      mergedId: objecting,
    });
    expect(merge.ok && merge.value.objectsToProfilingAt).toBe(clock.now.toISOString());
    expect(await groupNames(survivor)).toEqual([]);
    await recomputeGroups(deps, [vipId]);
    expect(await groupNames(survivor)).toEqual([]);
  });

  it('refuses a merged-away or erased customer, and an unknown one, changing nothing', async () => {
    const survivor = await newCustomer(deps, shop.actors.cashier, 'Sam Survivor');
    const merged = await newCustomer(deps, shop.actors.cashier, 'Sam Duplicate');
    const merge = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: survivor,
      mergedId: merged,
    });
    if (!merge.ok) throw new Error(merge.message);
    const erased = await newCustomer(deps, shop.actors.cashier, 'Eve Erased');
    const erasure = await eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: erased },
      input: { reason: 'customer asked' },
    });
    expect(erasure.ok).toBe(true);

    for (const customerId of [merged, erased]) {
      const refused = await object(customerId, true);
      expect(refused).toMatchObject({ ok: false, code: 'customer_not_active' });
      const viewed = await getCustomer(deps, customerId);
      expect(viewed.ok && viewed.value.objectsToProfilingAt).toBeNull();
      expect(await auditOf(customerId)).toEqual([]);
    }
    expect(await object('01900000-0000-7000-8000-000000000000', true)).toMatchObject({
      ok: false,
      code: 'customer_not_found',
    });
  });
});
