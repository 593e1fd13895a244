import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/**
 * Loyalty in a real browser: the till shows a customer's points and the rewards within
 * reach, a reward is redeemed on a sale and the receipt shows the points spent and
 * earned; a cashier gives bonus points with a supervisor's PIN; the profile explains the
 * balance; an admin puts the customer in a group and changes the rules.
 */
describe('loyalty in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let customer: { id: string; number: string };

  const api = async (
    role: 'cashier' | 'supervisor' | 'admin',
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await t.cookieFor(role), 'idempotency-key': crypto.randomUUID() },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  const balance = async () =>
    (await api('cashier', 'GET', `/customers/${customer.id}/loyalty`)).body.balance;

  const signIn = (username: string) => signInAtTill(page, username);

  const findCustomer = async () => {
    await page.getByTestId('till-search').fill('lena loy');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('till-search').press('Enter');
    await expect
      .poll(() => page.getByTestId('customer-panel').textContent())
      .toContain('Lena Loyal');
  };

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    // One point per £10.00; £1.00 off for 10 points, a pair of socks free for 50.
    const rules = await api('admin', 'PATCH', '/loyalty/rules', {
      enabled: true,
      spendPerPoint: 1000,
    });
    expect(rules.status).toBe(200);
    for (const reward of [
      { name: '£1 off', pointsCost: 10, kind: 'amount_off', amount: 100 },
      { name: 'Free socks', pointsCost: 50, kind: 'free_product', productSku: 'SOCK-3' },
    ]) {
      expect((await api('admin', 'POST', '/loyalty/rewards', reward)).status).toBe(200);
    }
    const created = await api('cashier', 'POST', '/customers', { name: 'Lena Loyal' });
    expect(created.status).toBe(201);
    customer = created.body.customer as { id: string; number: string };
    const given = await api('supervisor', 'POST', `/customers/${customer.id}/loyalty/adjustments`, {
      points: 25,
      reasonCode: 'goodwill',
      reason: 'Welcome to the programme',
    });
    expect(given.status).toBe(201);

    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1280, height: 900 }));
    await page.goto(baseUrl);
    await signIn('cashier1');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('shows the points at the till and redeems a reward on a sale', async () => {
    await findCustomer();
    await expect
      .poll(() => page.getByTestId('till-loyalty-balance').textContent(), { timeout: 10_000 })
      .toBe('25 points');
    expect(await page.getByTestId('till-loyalty-rewards').textContent()).toContain('£1 off');
    expect(await page.getByTestId('till-loyalty-next').textContent()).toContain(
      '25 points to Free socks',
    );

    await page.getByTestId('sale-mode').click();
    const attach = page.getByTestId('sale-attach-customer');
    if (await attach.isVisible().catch(() => false)) await attach.click();
    await expect
      .poll(() => page.getByTestId('sale-customer').textContent())
      .toContain('Lena Loyal');
    const item = page.getByTestId('sale-item-input');
    await item.fill('5012345678900');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-total').textContent()).toContain('25.00');

    await page.getByTestId('sale-loyalty-redeem').click();
    await expect
      .poll(() => page.getByTestId('sale-reward').textContent())
      .toContain('Reward: £1 off (−10 points)');
    await expect.poll(() => page.getByTestId('sale-total').textContent()).toContain('24.00');
    await page.getByTestId('sale-pay').click();
    await page.getByTestId('tender-exact-cash').click();
    await page.getByTestId('sale-complete').click();
    await page.getByTestId('sale-receipt').waitFor({ timeout: 10_000 });

    expect(await page.getByTestId('sale-receipt-loyalty-reward').textContent()).toContain('£1.00');
    expect(await page.getByTestId('sale-receipt-loyalty-points-redeemed').textContent()).toBe(
      '10 points',
    );
    // £24.00 paid at one point per £10.00.
    expect(await page.getByTestId('sale-receipt-loyalty-points-earned').textContent()).toBe(
      '2 points',
    );
    await expect
      .poll(() => page.getByTestId('sale-receipt-loyalty-balance').textContent())
      .toBe('17 points');
    const number = (await page.getByTestId('sale-receipt-number').textContent()) ?? '';
    const sale = (await api('cashier', 'GET', `/sales/by-number/${number}`)).body.sale as {
      total: number;
      loyalty: { pointsRedeemed: number; pointsEarned: number; rewardDiscountTotal: number };
    };
    expect(sale.total).toBe(2400);
    expect(sale.loyalty).toMatchObject({
      pointsRedeemed: 10,
      pointsEarned: 2,
      rewardDiscountTotal: 100,
    });
    expect(await balance()).toBe(17);
  });

  it('gives bonus points at the till with a supervisor’s PIN', async () => {
    await page.getByTestId('sale-new').click();
    await page.getByTestId('customer-mode').click();
    await findCustomer();
    await page.getByTestId('bonus-open').click();
    await page.getByTestId('bonus-points').fill('5');
    await page.getByTestId('bonus-reason-code').selectOption('birthday');
    await page.getByTestId('bonus-reason').fill('Birthday treat');
    await page.getByTestId('bonus-submit').click();
    await page.getByTestId('approval-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('approval-username').fill('supervisor1');
    await page.getByTestId('approval-pin').fill('2580');
    await page.getByTestId('approval-submit').click();
    await expect
      .poll(() => page.getByTestId('bonus-done').textContent(), { timeout: 10_000 })
      .toContain('Gave 5 points');
    await expect
      .poll(() => page.getByTestId('till-loyalty-balance').textContent())
      .toBe('22 points');
    expect(await balance()).toBe(22);
  });

  it('explains the balance on the profile with the points log', async () => {
    await page.goto(`${baseUrl}/#/customers/${customer.id}`);
    await expect.poll(() => page.getByTestId('points-event').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByTestId('points-explanation-total').textContent()).toBe('22 points');
    expect(await page.getByTestId('points-explanation-ADJUST').textContent()).toContain('+30');
    expect(await page.getByTestId('points-explanation-REDEEM').textContent()).toContain('-10');
    expect(await page.getByTestId('points-explanation-ACCUMULATE').textContent()).toContain('+2');
    const log = (await page.getByTestId('points-log').textContent()) ?? '';
    expect(log).toContain('Reward: £1 off');
    expect(log).toContain('Birthday treat');
    expect(log).toContain('approved by Test supervisor');
    expect(log).toContain('rules version 1');
  });

  it('lets an admin put the customer in a group and change the rules', async () => {
    await page.getByTestId('sign-out').click();
    await signIn('admin1');
    await page.goto(`${baseUrl}/#/groups`);
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-name').fill('VIP');
    await page.getByTestId('group-discount').fill('5');
    await page.getByTestId('group-save').click();
    await page.getByTestId('group-page').waitFor({ timeout: 10_000 });
    await page.getByTestId('group-add-number').fill(customer.number);
    await page.getByTestId('group-add-submit').click();
    await expect.poll(() => page.getByTestId('group-member').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('group-member-count').textContent()).toBe('1');
    expect(await page.getByTestId('group-benefits').textContent()).toBe('5% off');

    await page.goto(`${baseUrl}/#/loyalty`);
    await expect.poll(() => page.getByTestId('rules-version').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('rules-spend').fill('5.00');
    await page.getByTestId('rules-save').click();
    await expect
      .poll(() => page.getByTestId('loyalty-note').textContent(), { timeout: 10_000 })
      .toContain('version 2');
    await expect.poll(() => page.getByTestId('rules-version').count()).toBe(2);
    expect(await page.getByTestId('loyalty-current').textContent()).toContain('1 point per £5.00');

    await page.goto(`${baseUrl}/#/till`);
    await findCustomer();
    await expect
      .poll(() => page.getByTestId('till-loyalty-groups').textContent(), { timeout: 10_000 })
      .toContain('VIP · 5% off');
  });
});
