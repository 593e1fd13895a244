import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

describe.each(testDatabases())('sale quotes on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let cookies: Record<'cashier' | 'supervisor' | 'admin' | 'marketer' | 'auditor', string>;
  let customerId: string;
  let rewardId: string;

  const call: TestApp['call'] = (...args) => t.call(...args);
  const balance = async () =>
    (await call('GET', `/customers/${customerId}/loyalty`, cookies.cashier)).json()
      .balance as number;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    cookies = {
      cashier: await t.cookieFor('cashier'),
      supervisor: await t.cookieFor('supervisor'),
      admin: await t.cookieFor('admin'),
      marketer: await t.cookieFor('marketer'),
      auditor: await t.cookieFor('auditor'),
    };
    // Prices before tax: the amount to pay is not the sum of the shelf prices.
    const outlet = await call('PATCH', `/outlets/${t.shop.outletId}`, cookies.admin, {
      pricingMode: 'tax_exclusive',
    });
    expect(outlet.statusCode).toBe(200);
    const rules = await call('PATCH', '/loyalty/rules', cookies.marketer, {
      enabled: true,
      spendPerPoint: 1000,
    });
    expect(rules.statusCode).toBe(200);
    const reward = await call('POST', '/loyalty/rewards', cookies.admin, {
      name: '2.00 off',
      pointsCost: 20,
      kind: 'amount_off',
      amount: 200,
    });
    rewardId = reward.json().reward.id;
    const customer = await call('POST', '/customers', cookies.cashier, { name: 'Quinn Quote' });
    customerId = customer.json().customer.id;
    const group = await call('POST', '/groups', cookies.supervisor, {
      name: 'Staff friends',
      kind: 'manual',
      discountBp: 1000,
      earnMultiplierBp: 10_000,
    });
    await call('PUT', `/groups/${group.json().group.id}/members/${customerId}`, cookies.supervisor);
    const bonus = await call(
      'POST',
      `/customers/${customerId}/loyalty/adjustments`,
      cookies.supervisor,
      {
        points: 50,
        reasonCode: 'goodwill',
        reason: 'welcome',
      },
    );
    expect(bonus.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('prices the basket exactly as the sale then charges, and writes nothing', async () => {
    const basket = {
      customer: { id: customerId },
      lines: [{ product: 'JEAN-32', quantity: 1 }],
      rewardId,
    };
    const quoted = await call('POST', '/sales/quote', cookies.cashier, basket);
    expect(quoted.statusCode).toBe(200);
    const quote = quoted.json().quote;
    // 80.00 less 10% for the group (8.00) less the 2.00 reward = 70.00, plus 20% tax.
    expect(quote).toMatchObject({
      currency: 'GBP',
      pricingMode: 'tax_exclusive',
      subtotal: 8000,
      discountTotal: 1000,
      taxTotal: 1400,
      total: 8400,
      group: { name: 'Staff friends', discountBp: 1000 },
      groupDiscountTotal: 800,
      reward: { id: rewardId, name: '2.00 off', pointsCost: 20 },
      rewardDiscountTotal: 200,
      pointsRedeemed: 20,
      lines: [{ line: 0, discount: 1000, tax: 1400, total: 8400 }],
    });
    expect(await balance()).toBe(50);

    const sale = await call('POST', '/sales', cookies.cashier, {
      ...basket,
      tenders: [{ kind: 'card', amount: quote.total, reference: 'visa 4242' }],
    });
    expect(sale.statusCode).toBe(201);
    const sold = sale.json().sale;
    expect({
      subtotal: sold.subtotal,
      discountTotal: sold.discountTotal,
      taxTotal: sold.taxTotal,
      total: sold.total,
      pointsEarned: sold.loyalty.pointsEarned,
      pointsRedeemed: sold.loyalty.pointsRedeemed,
    }).toEqual({
      subtotal: quote.subtotal,
      discountTotal: quote.discountTotal,
      taxTotal: quote.taxTotal,
      total: quote.total,
      pointsEarned: quote.pointsEarned,
      pointsRedeemed: quote.pointsRedeemed,
    });
    expect(await balance()).toBe(50 - 20 + quote.pointsEarned);
  });

  it('names the problem in a basket it cannot price', async () => {
    const unknown = await call('POST', '/sales/quote', cookies.cashier, {
      lines: [{ product: 'NO-SUCH-THING', quantity: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('lines[0].product');
    const unknownReward = await call('POST', '/sales/quote', cookies.cashier, {
      customer: { id: customerId },
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      rewardId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownReward.statusCode).toBe(404);
    const noTenders = await call('POST', '/sales/quote', cookies.cashier, {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [],
    });
    expect(noTenders.statusCode).toBe(400);
  });

  it('is for those who sell', async () => {
    const auditor = await call('POST', '/sales/quote', cookies.auditor, {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
    });
    expect(auditor.statusCode).toBe(403);
  });
});
