import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('loyalty API on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<'cashier' | 'supervisor' | 'admin' | 'marketer', string>;
  let customerId: string;
  let rewardId: string;

  const call: TestApp['call'] = (...args) => t.call(...args);

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      admin: await t.cookieFor('admin'),
      marketer: await t.cookieFor('marketer'),
    };
    expect(
      (
        await call('PATCH', '/loyalty/rules', cookies.marketer, {
          enabled: true,
          spendPerPoint: 1000,
        })
      ).statusCode,
    ).toBe(200);
    const reward = await call('POST', '/loyalty/rewards', cookies.admin, {
      name: '2.00 off',
      pointsCost: 20,
      kind: 'amount_off',
      amount: 200,
    });
    rewardId = reward.json().reward.id;
    const customer = await call('POST', '/customers', cookies.cashier, { name: 'Lola Loyal' });
    customerId = customer.json().customer.id;
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('keeps programme changes to those who run it, and refuses a negative rate', async () => {
    expect(
      (await call('PATCH', '/loyalty/rules', cookies.cashier, { spendPerPoint: 500 })).statusCode,
    ).toBe(403);
    const negative = await call('PATCH', '/loyalty/rules', cookies.admin, { spendPerPoint: -1000 });
    expect(negative.statusCode).toBe(400);
    expect(negative.headers['content-type']).toContain('application/problem+json');
    expect(negative.json()).toMatchObject({ code: 'validation_failed', field: 'spendPerPoint' });
    const program = await call('GET', '/loyalty/program', cookies.admin);
    expect(program.json().current.rules.spendPerPoint).toBe(1000);
  });

  it('shows the till banner: balance and the rewards within reach', async () => {
    await call('POST', '/sales', cookies.cashier, {
      customer: { id: customerId },
      lines: [{ product: 'JEAN-32', quantity: 2 }],
      tenders: [{ kind: 'cash', received: 16_000 }],
    });
    const banner = await call('GET', `/customers/${customerId}/loyalty`, cookies.cashier);
    expect(banner.json()).toMatchObject({
      enabled: true,
      balance: 16,
      allowNegativeBalance: false,
      rewardsAvailable: [],
      nextReward: { reward: { id: rewardId }, pointsNeeded: 4 },
    });
  });

  it('refuses to redeem more points than held, or an unknown reward, with no change', async () => {
    const tooMany = await call('POST', '/sales', cookies.cashier, {
      customer: { id: customerId },
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
      rewardId,
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json()).toMatchObject({
      code: 'insufficient_points',
      balance: 16,
      pointsCost: 20,
    });
    const unknown = await call('POST', '/sales', cookies.cashier, {
      customer: { id: customerId },
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
      rewardId: '01900000-0000-7000-8000-000000000001',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('reward_not_found');
    const log = await call('GET', `/customers/${customerId}/loyalty/events`, cookies.cashier);
    expect(log.json().balance).toBe(16);
  });

  it('needs a reason and a supervisor for bonus points', async () => {
    const noReason = await call(
      'POST',
      `/customers/${customerId}/loyalty/adjustments`,
      cookies.supervisor,
      {
        points: 10,
        reasonCode: 'goodwill',
        reason: '',
      },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const noApproval = await call(
      'POST',
      `/customers/${customerId}/loyalty/adjustments`,
      cookies.cashier,
      {
        points: 10,
        reasonCode: 'goodwill',
        reason: 'birthday week',
      },
    );
    expect(noApproval.statusCode).toBe(403);
    expect(noApproval.json().code).toBe('approval_required');
    const approved = await call(
      'POST',
      `/customers/${customerId}/loyalty/adjustments`,
      cookies.cashier,
      {
        points: 10,
        reasonCode: 'goodwill',
        reason: 'birthday week',
        approval: { username: 'supervisor1', pin: '2580' },
      },
    );
    expect(approved.statusCode).toBe(201);
    expect(approved.json().event).toMatchObject({ kind: 'ADJUST', points: 10, balanceAfter: 26 });
  });

  it('redeems a reward at checkout and prints it on the receipt', async () => {
    const sale = await call('POST', '/sales', cookies.cashier, {
      customer: { id: customerId },
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'cash', received: 1000 }],
      rewardId,
    });
    expect(sale.statusCode).toBe(201);
    expect(sale.json().sale).toMatchObject({
      total: 800,
      loyalty: { rewardName: '2.00 off', pointsRedeemed: 20 },
    });
    const receipt = await call('GET', `/sales/${sale.json().sale.id}/receipt`, cookies.cashier);
    expect(receipt.body).toContain('Points redeemed: 20');
    const log = await call('GET', `/customers/${customerId}/loyalty/events`, cookies.cashier);
    const redeem = log.json().events.find((event: { kind: string }) => event.kind === 'REDEEM');
    expect(redeem).toMatchObject({ saleNumber: sale.json().sale.number, points: -20 });
  });

  it('manages groups and their members', async () => {
    const denied = await call('POST', '/groups', cookies.cashier, {
      name: 'Friends',
      kind: 'manual',
      discountBp: 1000,
      earnMultiplierBp: 10_000,
    });
    expect(denied.statusCode).toBe(403);
    const group = await call('POST', '/groups', cookies.supervisor, {
      name: 'Friends',
      kind: 'manual',
      discountBp: 1000,
      earnMultiplierBp: 10_000,
    });
    expect(group.statusCode).toBe(200);
    const id = group.json().group.id;
    const joined = await call('PUT', `/groups/${id}/members/${customerId}`, cookies.supervisor);
    expect(joined.json().group.members).toBe(1);
    const duplicate = await call('POST', '/groups', cookies.supervisor, {
      name: 'Friends',
      kind: 'manual',
      discountBp: 0,
      earnMultiplierBp: 10_000,
    });
    expect(duplicate.statusCode).toBe(409);
    const banner = await call('GET', `/customers/${customerId}/loyalty`, cookies.cashier);
    expect(banner.json().groups).toEqual([
      { id, name: 'Friends', discountBp: 1000, earnMultiplierBp: 10_000 },
    ]);
  });
});
