import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCardNumber } from '../../src/domain/customer-number.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const shots = '/tmp/shots-erasure';

/**
 * Erasure in a browser at 1024×768: an admin opens a customer who still holds store credit
 * and points, cannot erase until choosing what happens to them, erases, and sees the report
 * and the erased profile; the till then says the customer's number belonged to someone erased.
 */
describe('erasing a customer in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let customer: { id: string; number: string };
  const card = makeCardNumber(8201);

  const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
    const answer = await response;
    if (answer.statusCode >= 300) throw new Error(`${answer.statusCode}: ${answer.body}`);
    return JSON.parse(answer.body);
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    const admin = await t.cookieFor('admin');
    const cashier = await t.cookieFor('cashier');
    // A customer as the demo shop has them: contacts, notes, a card, a purchase, credit, points.
    customer = (
      await ok(
        t.call('POST', '/customers', cashier, {
          name: 'Erika Erasable',
          phone: '07911 123777',
          email: 'erika@example.org',
          notes: 'prefers the blue bags',
        }),
      )
    ).customer;
    await ok(t.call('POST', `/customers/${customer.id}/cards`, cashier, { cardNumber: card }));
    await ok(
      t.call('POST', '/sales', cashier, {
        customer: { id: customer.id },
        lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 5000 }],
      }),
    );
    // Points are switched on after the purchase: the 40 points come while the form is open.
    await ok(t.call('PATCH', '/loyalty/rules', admin, { enabled: true, spendPerPoint: 1000 }));
    await ok(
      t.call('POST', `/customers/${customer.id}/store-credit/adjustments`, admin, {
        currency: 'GBP',
        amount: 1250,
        reason: 'goodwill for a late delivery',
      }),
    );
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
    await page.goto(baseUrl);
    await signInAtTill(page, 'admin1');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  const section = () => page.getByTestId('erasure');
  const button = () => section().getByTestId('erasure-button');
  const blocker = () => section().getByTestId('erasure-blocker').textContent();

  it('keeps the button off, saying why, until what the customer holds is settled', async () => {
    await page.goto(`${baseUrl}/#/customers/${customer.id}`);
    await expect
      .poll(() => section().getByTestId('erasure-held').textContent())
      .toBe('The customer still holds £12.50 store credit.');
    expect(await button().isDisabled()).toBe(true);
    expect(await blocker()).toContain('store credit of 12.50 GBP (pay it out or forfeit it)');

    await section().getByTestId('erasure-reason').fill('erasure request by email');
    await section().getByTestId('erasure-confirm').fill(customer.number);
    expect(await button().isDisabled()).toBe(true);
    await section().getByTestId('erasure-credit-paid-out').check();
    expect(await section().getByTestId('erasure-blocker').count()).toBe(0);
    expect(await section().getByTestId('erasure-points-forfeited').count()).toBe(0);
    await section().getByTestId('erasure-confirm').fill('0000');
    expect(await blocker()).toBe(`Type the customer number ${customer.number} to confirm.`);
    expect(await button().isDisabled()).toBe(true);
    await section().getByTestId('erasure-confirm').fill(customer.number);
    expect(await button().isDisabled()).toBe(false);
  });

  it('shows the server’s money_owed refusal when points came after the form opened', async () => {
    await ok(
      t.call('POST', `/customers/${customer.id}/loyalty/adjustments`, await t.cookieFor('admin'), {
        points: 40,
        reasonCode: 'goodwill',
        reason: 'Welcome to the programme',
      }),
    );
    await button().click();
    await expect.poll(() => section().getByRole('alert').textContent()).toContain('40 points');
    expect(await section().getByTestId('erasure-held').textContent()).toBe(
      'The customer still holds £12.50 store credit and 40 points.',
    );
    // The server's words stand alone until the form changes.
    expect(await section().getByRole('alert').textContent()).toBe(
      'The customer still has 40 points (forfeit them): choose what happens',
    );
    expect(await section().getByTestId('erasure-blocker').count()).toBe(0);
    expect(await button().isDisabled()).toBe(true);
    await section().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/erasure-refused-1024.png` });
    await section().getByTestId('erasure-points-forfeited').check();
    expect(await section().getByTestId('erasure-blocker').count()).toBe(0);
    expect(await section().getByRole('alert').count()).toBe(0);
    expect(await button().isDisabled()).toBe(false);
    await section().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/erasure-form-1024.png` });
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBe(0);
    const still = await handle.db
      .selectFrom('customers')
      .select('status')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('active');
  });

  it('erases, reports what it did, and shows the erased profile', async () => {
    await button().click();
    const report = page.getByTestId('erasure-report');
    await expect.poll(() => report.count(), { timeout: 10_000 }).toBe(1);
    const text = await report.textContent();
    expect(text).toContain(`Customer ${customer.number} was erased.`);
    expect(text).toContain('Store credit of £12.50 paid out to the customer.');
    expect(text).toContain('40 points forfeited.');
    expect(text).toContain('1 customer card retired');
    expect(text).toContain('email address and phone number are on the do-not-market list');
    await expect.poll(() => page.getByTestId('erased-banner').count()).toBe(1);
    expect(await page.getByTestId('erased-banner').textContent()).toMatch(
      /^Erased on .+: this customer’s personal data was erased\. Purchases and ledgers are kept without a name\.$/,
    );
    expect(await page.locator('h1').textContent()).toBe('Erased customer');
    for (const gone of [
      'erasure',
      'print-card-button',
      'profiling-objection',
      'reveal-button',
      'consents',
      'cards',
    ]) {
      expect(await page.getByTestId(gone).count(), gone).toBe(0);
    }
    // Purchases and the ledgers stay, now showing the settlement.
    await expect
      .poll(() => page.getByTestId('store-credit-balance-GBP').textContent())
      .toBe('£0.00');
    await page.screenshot({ path: `${shots}/erased-profile-1024.png` });
    await page.screenshot({ path: `${shots}/erased-profile-full-1024.png`, fullPage: true });
    const stored = await handle.db
      .selectFrom('customers')
      .select(['status', 'name'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'erased', name: 'Erased customer' });
  });

  it('says at the till that the number and the card belonged to an erased customer', async () => {
    await page.goto(`${baseUrl}/#/till`);
    const search = page.getByTestId('till-search');
    await search.fill(customer.number);
    const erased =
      'This card or number belonged to a customer whose data was erased. Sell without a customer.';
    await expect.poll(() => page.getByTestId('till-erased').textContent()).toBe(erased);
    await search.press('Enter');
    expect(await page.getByTestId('till-note').count()).toBe(0);
    expect(await page.getByTestId('till-erased').textContent()).toBe(erased);
    await page.screenshot({ path: `${shots}/till-erased-number-1024.png` });
    await search.fill(card);
    await expect.poll(() => page.getByTestId('till-erased').textContent()).toBe(erased);
    await search.fill('Erika');
    await expect.poll(() => page.getByTestId('till-erased').count()).toBe(0);
  });
});
