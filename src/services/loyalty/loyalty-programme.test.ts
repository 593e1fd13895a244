import { minor, points as asPoints } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import {
  expectPointsBalanced,
  newCustomer,
  points,
  setRules,
} from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { mergeCustomers } from '../customers/customer-merge.ts';
import { recomputeGroups, saveGroup, setGroupMembership } from '../customers/customer-groups.ts';
import { adjustPoints } from './loyalty-bonus.ts';
import { expirePoints } from './loyalty-expiry.ts';
import { changeLoyaltyRules, savePromotion } from './loyalty-program.ts';
import { explainPoints, loyaltySummary } from './loyalty-view.ts';
import { completeSale } from '../sales/sales.ts';

describe.each(testDatabases())('loyalty programme on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2026-11-22T10:00:00Z') };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    await setRules(deps, shop.actors.admin, {
      enabled: true,
      spendPerPoint: 1000,
      signupBonus: asPoints(25),
    });
  });
  afterAll(() => handle.close());

  const buy = async (customerId: string, product: string, quantity = 1) => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product, quantity }],
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    return sale.value;
  };

  it('gives the sign-up bonus once, with the customer', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Sunny Signup');
    expect(await points(deps, customerId)).toBe(25);
    const explained = await explainPoints(deps, customerId);
    expect(explained.ok && explained.value.events.map((e) => e.kind)).toEqual(['SIGNUP_BONUS']);
  });

  it('earns by the rules in force when the sale was made', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Vera Version');
    const later = new Date(clock.now.getTime() + 86_400_000);
    const version = await setRules(deps, shop.actors.admin, {
      spendPerPoint: 500,
      effectiveFrom: later.toISOString(),
    });
    const before = await buy(customerId, 'JEAN-32');
    expect(before.loyalty.pointsEarned).toBe(8);
    clock.now = new Date(later.getTime() + 1000);
    const after = await buy(customerId, 'JEAN-32');
    expect(after.loyalty.pointsEarned).toBe(16);
    const explained = await explainPoints(deps, customerId);
    const versions = explained.ok ? explained.value.events.map((event) => event.ruleVersion) : [];
    expect(versions.at(-1)).toBe(version);
    expect(versions.at(-2)).not.toBe(version);
    await setRules(deps, shop.actors.admin, { spendPerPoint: 1000 });
  });

  it('refuses a rule with a negative rate and changes nothing', async () => {
    const refused = await changeLoyaltyRules({
      deps,
      actor: shop.actors.admin,
      changes: { spendPerPoint: -5 },
    });
    expect(refused).toMatchObject({ ok: false, field: 'spendPerPoint' });
    const past = await changeLoyaltyRules({
      deps,
      actor: shop.actors.admin,
      changes: { effectiveFrom: '2020-01-01' },
    });
    expect(past).toMatchObject({ ok: false, field: 'effectiveFrom' });
  });

  it('applies the best running promotion to a sale', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Pia Promo');
    const window = {
      startsAt: new Date(clock.now.getTime() - 3_600_000).toISOString(),
      endsAt: new Date(clock.now.getTime() + 3_600_000).toISOString(),
    };
    const double = await savePromotion({
      deps,
      actor: shop.actors.admin,
      input: {
        name: 'Double denim',
        kind: 'multiplier',
        multiplierBp: 20_000,
        categories: ['denim'],
        ...window,
      },
    });
    await savePromotion({
      deps,
      actor: shop.actors.admin,
      input: {
        name: 'Five extra',
        kind: 'bonus',
        bonusPoints: asPoints(5),
        ...window,
      },
    });
    const sale = await buy(customerId, 'JEAN-32');
    expect(sale.loyalty.pointsEarned).toBe(16);
    const explained = await explainPoints(deps, customerId);
    const promotion = explained.ok
      ? explained.value.events.find((e) => e.kind === 'PROMOTION')
      : null;
    expect(promotion).toMatchObject({ points: 8, promotionId: double.ok ? double.value.id : '' });
    const bad = await savePromotion({
      deps,
      actor: shop.actors.admin,
      input: {
        name: 'Bad',
        kind: 'multiplier',
        multiplierBp: -20_000,
        ...window,
      },
    });
    expect(bad).toMatchObject({ ok: false, field: 'multiplierBp' });
    if (double.ok)
      await savePromotion({
        deps,
        actor: shop.actors.admin,
        input: {
          ...window,
          ...double.value,
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          active: false,
        },
      });
  });

  it('gives group benefits at checkout: a rule group recomputed, its discount and multiplier', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Vic Vip');
    await buy(customerId, 'JEAN-32', 2);
    const vip = await saveGroup({
      deps,
      actor: shop.actors.supervisor,
      input: {
        name: 'VIP',
        kind: 'rule',
        rule: { type: 'spend', minSpend: minor(15_000), months: 12 },
        discountBp: 1000,
        earnMultiplierBp: 20_000,
      },
    });
    if (!vip.ok) throw new Error(vip.message);
    expect(vip.value.members).toBeGreaterThanOrEqual(1);
    const again = await recomputeGroups(deps, [vip.value.id]);
    expect(again).toEqual([{ group: 'VIP', joined: 0, left: 0 }]);
    const sale = await buy(customerId, 'TEE-M-BLK', 2);
    expect(sale.loyalty).toMatchObject({ groupName: 'VIP', groupDiscountTotal: 500 });
    expect(sale.total).toBe(4500);
    // 45.00 at double points is 9, plus the five-point bonus promotion still running.
    expect(sale.loyalty.pointsEarned).toBe(14);
    const manual = await saveGroup({
      deps,
      actor: shop.actors.supervisor,
      input: {
        name: 'Staff friends',
        kind: 'manual',
        rule: null,
        discountBp: 2000,
        earnMultiplierBp: 10_000,
      },
    });
    if (!manual.ok) throw new Error(manual.message);
    await setGroupMembership({
      deps,
      actor: shop.actors.supervisor,
      groupId: manual.value.id,
      customerId,
      member: true,
    });
    const best = await buy(customerId, 'SOCK-3');
    expect(best.loyalty).toMatchObject({ groupName: 'Staff friends', groupDiscountTotal: 200 });
    const ruleMember = await setGroupMembership({
      deps,
      actor: shop.actors.supervisor,
      groupId: vip.value.id,
      customerId,
      member: false,
    });
    expect(ruleMember).toMatchObject({ ok: false, field: 'groupId' });
  });

  it('gives bonus points only with a reason and a supervisor', async () => {
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Bo Bonus');
    const adjustment = {
      points: asPoints(40),
      reasonCode: 'service_recovery',
      reason: 'late order',
    };
    expect(
      await adjustPoints({
        deps,
        actor: shop.actors.cashier,
        customerId,
        input: adjustment,
        idempotencyKey: key(),
      }),
    ).toMatchObject({
      ok: false,
      code: 'approval_required',
    });
    expect(
      await adjustPoints({
        deps,
        actor: shop.actors.cashier,
        customerId,
        input: { ...adjustment, approval: { username: 'supervisor1', pin: '0000' } },
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, code: 'approval_required' });
    expect(
      await adjustPoints({
        deps,
        actor: shop.actors.supervisor,
        customerId,
        input: { ...adjustment, reason: ' ' },
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, field: 'reason' });
    expect(
      await adjustPoints({
        deps,
        actor: shop.actors.supervisor,
        customerId,
        input: { ...adjustment, reasonCode: 'because' },
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, field: 'reasonCode' });
    expect(await points(deps, customerId)).toBe(25);
    const given = await adjustPoints({
      deps,
      actor: shop.actors.cashier,
      customerId,
      input: { ...adjustment, approval: { username: 'supervisor1', pin: '2580' } },
      idempotencyKey: key(),
    });
    expect(given).toMatchObject({
      ok: true,
      value: { kind: 'ADJUST', points: 40, approvedByStaffId: shop.staff.supervisor.id },
    });
    expect(
      await adjustPoints({
        deps,
        actor: shop.actors.supervisor,
        customerId,
        input: { points: asPoints(-100), reasonCode: 'correction', reason: 'typo' },
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, code: 'insufficient_points' });
    expect(await points(deps, customerId)).toBe(65);
  });

  it('expires points at the end of the month, once', async () => {
    await setRules(deps, shop.actors.admin, { expiryMonths: 1 });
    clock.now = new Date('2027-01-10T10:00:00Z');
    const customerId = await newCustomer(deps, shop.actors.cashier, 'Exa Expiry');
    await buy(customerId, 'JEAN-32');
    expect(await points(deps, customerId)).toBe(33);
    // The sign-up bonus and the sale's points expire together: one line, not the first lot.
    const summary = await loyaltySummary(deps, customerId);
    expect(summary.ok && summary.value.expiring).toEqual([
      { points: 33, expiresAt: expect.stringMatching(/^2027-02-28/) },
    ]);
    clock.now = new Date('2027-02-28T23:00:00Z');
    expect((await expirePoints(deps)).points).toBe(0);
    clock.now = new Date('2027-03-01T00:00:01Z');
    const first = await expirePoints(deps);
    expect(first.points).toBeGreaterThanOrEqual(33);
    expect(await expirePoints(deps)).toEqual({ customers: 0, points: 0 });
    expect(await points(deps, customerId)).toBe(0);
    await setRules(deps, shop.actors.admin, { expiryMonths: null });
    await expectPointsBalanced(deps);
  });

  it('moves points and groups to the survivor of a merge', async () => {
    const survivor = await newCustomer(deps, shop.actors.cashier, 'Max Merge');
    const merged = await newCustomer(deps, shop.actors.cashier, 'Max Merge (dup)');
    await buy(merged, 'JEAN-32');
    const result = await mergeCustomers({
      deps,
      actor: shop.actors.supervisor,
      survivorId: survivor,
      mergedId: merged,
    });
    if (!result.ok) throw new Error(result.message);
    expect(await points(deps, survivor)).toBe(25 + 25 + 8);
    expect(await points(deps, merged)).toBe(0);
    await expectPointsBalanced(deps);
  });
});
