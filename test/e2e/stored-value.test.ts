import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/**
 * Gift cards at the till in a real browser: a sale paid partly by gift card and partly in
 * cash, a balance check, a gift card sold, the split sale voided with a supervisor's PIN
 * (the card gets its value back), and a supervisor blocking a card in the back office.
 */
describe('gift cards in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let cards: { first: string; second: string };
  let splitSaleNumber = '';

  const api = async (
    role: 'cashier' | 'supervisor',
    method: 'GET' | 'POST',
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

  const giftCard = async (number: string) => {
    const found = await api('supervisor', 'GET', `/gift-cards/${number}`);
    return found.body.card as { state: string; balance: number };
  };

  const signIn = (username: string) => signInAtTill(page, username);

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    // A box of pre-printed cards; the first is sold for £20.00, which activates it.
    const range = await api('supervisor', 'POST', '/gift-cards/ranges', {
      prefix: '77',
      first: 1,
      count: 5,
      currency: 'GBP',
      label: 'Browser test batch',
    });
    expect(range.status).toBe(201);
    const first = range.body.firstNumber as string;
    const listed = await api('supervisor', 'GET', '/gift-cards?number=77');
    const second = (listed.body.cards as { number: string }[])
      .map((card) => card.number)
      .filter((number) => number !== first)
      .sort()[0]!;
    cards = { first, second };
    const sold = await api('cashier', 'POST', '/sales', {
      lines: [{ kind: 'gift_card', number: first, amount: 2000 }],
      tenders: [{ kind: 'cash', received: 2000 }],
    });
    expect(sold.status).toBe(201);
    expect(await giftCard(first)).toMatchObject({ state: 'ACTIVE', balance: 2000 });

    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1280, height: 900 }));
    await page.goto(baseUrl);
    await signIn('cashier1');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('pays a sale partly with a gift card and partly in cash', async () => {
    await page.getByTestId('sale-mode').click();
    await page.getByTestId('sale-skip-customer').click();
    const item = page.getByTestId('sale-item-input');
    await item.fill('5012345678900');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-total').textContent()).toContain('25.00');
    await page.getByTestId('sale-pay').click();

    await page.getByTestId('tender-gift-card-input').fill(cards.first);
    await page.getByTestId('tender-gift-card-input').press('Enter');
    const stored = page.getByTestId('tender-stored');
    await expect.poll(() => stored.textContent(), { timeout: 10_000 }).toContain('holds £20.00');
    const text = await stored.textContent();
    expect(text).toContain(`•••• ${cards.first.slice(-4)}`);
    expect(text).toContain('pays £20.00');
    expect(text).toContain('£5.00 still to pay');
    expect(await page.getByTestId('sale-to-pay').textContent()).toContain('5.00');

    // Completing before the rest is covered is stopped on the screen.
    await page.getByTestId('sale-complete').click();
    await expect
      .poll(() => page.getByTestId('sale-tenders').getByRole('alert').textContent())
      .toContain('£5.00 is still to pay');

    await page.getByTestId('tender-cash').fill('10.00');
    await expect.poll(() => page.getByTestId('sale-change').textContent()).toContain('5.00');
    await page.getByTestId('sale-complete').click();
    const receipt = page.getByTestId('sale-receipt');
    await receipt.waitFor({ timeout: 10_000 });
    const paid = await page.getByTestId('sale-tenders-paid').textContent();
    expect(paid).toContain(`Gift card •••• ${cards.first.slice(-4)}`);
    expect(paid).toContain('£20.00');
    expect(paid).toContain('Cash');
    expect(await page.getByTestId('sale-receipt-change').textContent()).toContain('5.00');

    splitSaleNumber = (await page.getByTestId('sale-receipt-number').textContent()) ?? '';
    const sale = await api('cashier', 'GET', `/sales/by-number/${splitSaleNumber}`);
    const tenders = (sale.body.sale as { tenders: { kind: string; amount: number }[] }).tenders;
    expect(tenders.map((tender) => [tender.kind, tender.amount])).toEqual([
      ['gift_card', 2000],
      ['cash', 500],
    ]);
    expect(await giftCard(cards.first)).toMatchObject({ state: 'ACTIVE', balance: 0 });
  });

  it('checks a gift card balance on the till’s gift card tab', async () => {
    await page.getByTestId('gift-card-mode').click();
    const input = page.getByTestId('gift-card-check-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill(cards.first);
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('gift-card-check-balance').textContent(), { timeout: 10_000 })
      .toContain('0.00');
    // A mistyped number is caught by its check digit before any look-up.
    const last = cards.first.at(-1) === '0' ? '1' : '0';
    await input.fill(cards.first.slice(0, -1) + last);
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('gift-card-check-error').textContent())
      .toContain('check digit');
  });

  it('sells a pre-printed gift card at the till, which activates it', async () => {
    await page.getByTestId('sale-mode').click();
    await page.getByTestId('sale-new').click();
    await page.getByTestId('sale-skip-customer').click();
    await page.getByTestId('sale-sell-gift-card').click();
    // Scanned: the number ends with Enter, which moves on to the amount.
    await page.getByTestId('sell-gift-card-number').fill(cards.second);
    await page.getByTestId('sell-gift-card-number').press('Enter');
    const amount = page.getByTestId('sell-gift-card-amount');
    await expect.poll(() => amount.evaluate((el) => el === document.activeElement)).toBe(true);
    await amount.fill('15.00');
    await amount.press('Enter');
    await expect
      .poll(() => page.getByTestId('sale-value-line').textContent(), { timeout: 10_000 })
      .toContain('new card');
    expect(await page.getByTestId('sale-total').textContent()).toContain('15.00');
    await page.getByTestId('sale-pay').click();
    await page.getByTestId('tender-exact-cash').click();
    await page.getByTestId('sale-complete').click();
    await page.getByTestId('sale-receipt').waitFor({ timeout: 10_000 });
    expect(await giftCard(cards.second)).toMatchObject({ state: 'ACTIVE', balance: 1500 });
  });

  it('voids the split sale with a supervisor’s PIN and gives the card its value back', async () => {
    await page.getByTestId('sale-new').click();
    await page.goto(`${baseUrl}/#/sales`);
    await page.getByTestId('sales-lookup-input').fill(splitSaleNumber);
    await page.getByTestId('sales-lookup-submit').click();
    await page.getByTestId('sale-void').click();
    await page.getByTestId('sale-void-reason').fill('Customer changed their mind at the till');
    await page.getByTestId('sale-void-confirm').click();
    await page.getByTestId('approval-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('approval-username').fill('supervisor1');
    await page.getByTestId('approval-pin').fill('2580');
    await page.getByTestId('approval-submit').click();
    await expect
      .poll(() => page.getByTestId('sales-lookup-note').textContent(), { timeout: 10_000 })
      .toContain('Sale voided');
    const note = await page.getByTestId('sales-lookup-note').textContent();
    expect(note).toContain('£5.00 in cash');
    expect(note).toContain(`£20.00 back onto gift card •••• ${cards.first.slice(-4)}`);
    expect(await page.getByTestId('sale-voided').isVisible()).toBe(true);
    expect(await page.getByTestId('sale-void').count()).toBe(0);
    expect(await giftCard(cards.first)).toMatchObject({ state: 'ACTIVE', balance: 2000 });
  });

  it('lets a supervisor block a card and read the liability report', async () => {
    await page.getByTestId('sign-out').click();
    await signIn('supervisor1');
    await page.goto(`${baseUrl}/#/gift-cards`);
    await page.getByTestId('gift-cards-number').fill(cards.first);
    await expect.poll(() => page.getByTestId('gift-card-row').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('gift-card-row').click();
    await expect.poll(() => page.getByTestId('gift-card-balance').textContent()).toContain('20.00');
    await page.getByTestId('gift-card-action').selectOption('block');
    await page.getByTestId('gift-card-action-reason').fill('Reported lost by the customer');
    await page.getByTestId('gift-card-action-submit').click();
    await expect
      .poll(() => page.getByTestId('gift-card-state').textContent(), { timeout: 10_000 })
      .toBe('blocked');
    expect(await page.getByTestId('gift-card-activity').textContent()).toContain(
      'Reported lost by the customer',
    );
    expect(await giftCard(cards.first)).toMatchObject({ state: 'BLOCKED', balance: 2000 });

    await page.goto(`${baseUrl}/#/liability`);
    await expect
      .poll(() => page.getByTestId('liability-gift-outlets').textContent(), { timeout: 10_000 })
      .toContain('35.00');
    const csv = await page.getByTestId('liability-csv').getAttribute('href');
    expect(csv).toContain('/api/v1/reports/stored-value.csv');
    const download = await t.app.inject({
      url: csv!,
      headers: { cookie: await t.cookieFor('supervisor') },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
  });
});
