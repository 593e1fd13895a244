import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/services/platform/mailer.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/**
 * A day at the till in a real browser: a sale with a customer and an e-receipt that
 * arrives at a real SMTP server, then a return without the receipt picked from the
 * customer's history, and an over-return refused with a clear message.
 */
describe('selling and returning in a browser', () => {
  let handle: DatabaseHandle;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    smtp = await startTestSmtpServer();
    t = await buildTestApp(handle, {
      mailer: createMailer({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: null,
        password: null,
        from: 'till@example.com',
      }),
    });
    await createTestCatalogue(handle.db);
    const customer = await createCustomer({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: {
        name: 'Erin Receipt',
        email: 'erin@example.com',
      },
    });
    if (!customer.ok) throw new Error(customer.message);
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
    await page.goto(baseUrl);
    await signInAtTill(page, 'cashier1');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await smtp?.close();
    await handle?.close();
  });

  it('sells to a customer and delivers the e-receipt', async () => {
    await page.getByTestId('till-search').fill('erin rec');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('till-search').press('Enter');
    await expect
      .poll(() => page.getByTestId('customer-panel').textContent())
      .toContain('Erin Receipt');
    await page.getByTestId('sale-mode').click();
    const attach = page.getByTestId('sale-attach-customer');
    if (await attach.isVisible().catch(() => false)) await attach.click();
    await expect
      .poll(() => page.getByTestId('sale-customer').textContent())
      .toContain('Erin Receipt');
    const item = page.getByTestId('sale-item-input');
    for (let i = 0; i < 2; i++) {
      await item.fill('5012345678900');
      await item.press('Enter');
    }
    await expect.poll(() => page.getByTestId('sale-total').textContent()).toContain('50.00');
    await page.getByTestId('sale-pay').click();
    await page.getByTestId('tender-cash').fill('60.00');
    await page.getByTestId('sale-complete').click();
    const receipt = page.getByTestId('sale-receipt');
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('50.00');
    expect(await page.getByTestId('sale-receipt-change').textContent()).toContain('10.00');
    // The customer panel beside the receipt shows the sale in her spend and visits at once.
    await expect
      .poll(() => page.getByTestId('till-purchase-summary').textContent(), { timeout: 10_000 })
      .toContain('£50.00 over 1 visit');
    await page.getByTestId('sale-email').click();
    await expect
      .poll(() => page.getByTestId('sale-email-sent').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => smtp.delivered.length, { timeout: 15_000 }).toBe(1);
    expect(smtp.delivered[0]!.envelopeTo).toEqual(['erin@example.com']);
    expect(smtp.delivered[0]!.mail.html).toContain('50.00');
  });

  it('returns without a receipt from the history, and shows a refused over-return clearly', async () => {
    // "New sale" starts an empty sale, but Erin may still be at the counter: she stays
    // selected at the till, and the new sale offers her rather than taking her for granted.
    await page.getByTestId('sale-new').click();
    expect(await page.getByTestId('customer-panel').textContent()).toContain('Erin Receipt');
    expect(await page.getByTestId('sale-same-customer').textContent()).toContain('Erin Receipt');
    await page.getByTestId('return-mode').click();
    // No receipt: her history comes up at once.
    await page.getByTestId('return-no-receipt').click();
    await page.getByTestId('return-history-sale').first().waitFor();
    // With no customer selected the till asks for one; finding her is enough to go on.
    await page.getByTestId('till-search').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('return-find-customer').waitFor();
    await page.getByTestId('till-search').fill('erin rec');
    await expect.poll(() => page.getByTestId('till-result').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('till-search').press('Enter');
    await expect.poll(() => page.getByTestId('return-find-customer').count()).toBe(0);
    expect(await page.getByTestId('return-error').count()).toBe(0);
    await page.getByTestId('return-history-sale').first().click();
    await page.getByTestId('return-qty-1').fill('1');
    await page.getByTestId('return-reason').selectOption({ index: 1 });
    await page.getByTestId('return-refund-to').selectOption('store_credit');
    await page.getByTestId('return-submit').click();
    await expect
      .poll(() => page.getByTestId('return-total').textContent(), { timeout: 10_000 })
      .toContain('25.00');
    // Her spend and her store credit on the panel follow the refund.
    await expect
      .poll(() => page.getByTestId('till-purchase-summary').textContent(), { timeout: 10_000 })
      .toContain('£25.00 over');
    await expect
      .poll(() => page.getByTestId('till-store-credit').textContent(), { timeout: 10_000 })
      .toBe('£25.00');
    const cookie = await t.cookieFor('cashier');
    const found = await t.app.inject({
      url: '/api/v1/customers/search?q=erin',
      headers: { cookie },
    });
    const customerId = found.json().results[0].customer.id as string;
    const history = await t.app.inject({
      url: `/api/v1/customers/${customerId}/purchases`,
      headers: { cookie },
    });
    const sales = history.json().items as {
      kind: string;
      total: number;
      lines: { id: string }[];
    }[];
    expect(sales.map((sale) => [sale.kind, sale.total])).toEqual([
      ['return', -2500],
      ['sale', 5000],
    ]);

    // The till offers the last unit; another register returns it first; this till's
    // attempt is refused by the server and the cashier is told why.
    await page.getByTestId('return-new').click();
    await page.getByTestId('return-no-receipt').click();
    await page.getByTestId('return-history-sale').first().click();
    await page.getByTestId('return-qty-1').fill('1');
    await page.getByTestId('return-reason').selectOption({ index: 1 });
    const otherTill = await t.app.inject({
      method: 'POST',
      url: '/api/v1/returns',
      headers: { cookie: await t.cookieFor('supervisor'), 'idempotency-key': 'other-till-return' },
      payload: {
        lines: [{ saleLineId: sales[1]!.lines[0]!.id, quantity: 1 }],
        withReceipt: false,
        reason: 'faulty',
      },
    });
    expect(otherTill.statusCode).toBe(201);
    await page.getByTestId('return-submit').click();
    await expect
      .poll(() => page.getByTestId('return-error').textContent(), { timeout: 10_000 })
      .toMatch(/already been returned|can still be returned/);
  });

  it('previews the refund of one unit of three exactly as the server refunds it', async () => {
    // 3 × 10.00 less 0.02 = 29.98: the server splits it 10.00 + 9.99 + 9.99.
    const sold = await t.call('POST', '/sales', await t.cookieFor('cashier'), {
      lines: [{ product: 'SOCK-3', quantity: 3, discount: 2 }],
      tenders: [{ kind: 'cash', received: 2998 }],
    });
    expect(sold.statusCode).toBe(201);
    const number = sold.json().sale.number as string;
    await page.getByTestId('return-mode').click();
    await page.getByTestId('return-receipt-input').fill(number);
    await page.getByTestId('return-receipt-input').press('Enter');
    await expect.poll(() => page.getByTestId('return-sale-number').textContent()).toBe(number);
    await page.getByTestId('return-qty-1').fill('1');
    await expect.poll(() => page.getByTestId('return-refund').textContent()).toBe('-£10.00');
    await page.getByTestId('return-reason').selectOption({ index: 1 });
    await page.getByTestId('return-submit').click();
    await expect
      .poll(() => page.getByTestId('return-total').textContent(), { timeout: 10_000 })
      .toBe('-£10.00');
    await page.getByTestId('return-new').click();
  });

  it('asks for the exact amount, tax added, where prices are shown before tax', async () => {
    const outlet = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/outlets/${t.shop.outletId}`,
      headers: { cookie: await t.cookieFor('admin') },
      payload: { pricingMode: 'tax_exclusive' },
    });
    expect(outlet.statusCode).toBe(200);
    await page.getByTestId('sale-mode').click();
    const skip = page.getByTestId('sale-skip-customer');
    if (await skip.isVisible().catch(() => false)) await skip.click();
    const item = page.getByTestId('sale-item-input');
    await item.fill('5012345678900');
    await item.press('Enter');
    // 25.00 before tax; the server's quote adds 20% and the till stops calling it an estimate.
    await expect
      .poll(() => page.getByTestId('sale-total').textContent(), { timeout: 10_000 })
      .toContain('30.00');
    expect(await page.getByTestId('sale-total-detail').textContent()).toContain(
      'includes tax £5.00',
    );
    await page.getByTestId('sale-pay').click();
    expect(await page.getByTestId('sale-due').textContent()).toContain('30.00');
    await page.getByTestId('tender-cash').fill('30.00');
    await page.getByTestId('sale-complete').click();
    await expect
      .poll(() => page.getByTestId('sale-receipt').textContent(), { timeout: 10_000 })
      .toContain('30.00');
  });
  it('finds an item by a few letters of its name: arrows and Enter, or Enter on the only match', async () => {
    await page.getByTestId('sale-new').click();
    const skip = page.getByTestId('sale-skip-customer');
    if (await skip.isVisible().catch(() => false)) await skip.click();
    const item = page.getByTestId('sale-item-input');
    await item.fill('harb');
    await expect.poll(() => page.getByTestId('product-result').count()).toBe(2);
    expect(await page.getByTestId('product-result').allTextContents()).toEqual([
      expect.stringContaining('Linen tee'),
      expect.stringContaining('Socks, three pairs'),
    ]);
    await item.press('ArrowDown');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(1);
    expect(await page.getByTestId('sale-lines').textContent()).toContain('Socks, three pairs');
    expect(await item.inputValue()).toBe('');
    expect(await page.getByTestId('product-result').count()).toBe(0);

    // With the list on screen, Enter takes the highlighted row (the first), as in customer search.
    await item.fill('harb');
    await expect.poll(() => page.getByTestId('product-result').count()).toBe(2);
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(2);
    expect(await page.getByTestId('sale-lines').textContent()).toContain('Linen tee');

    // Enter before the list is there: several matches wait for a choice, one goes straight on.
    await item.fill('harb');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-item-note').textContent()).toContain('Several');
    await item.press('Enter');
    // Linen tee (line 2) again: its quantity goes up.
    await expect.poll(() => page.getByTestId('sale-line-qty-2').inputValue()).toBe('2');
    await item.fill('paperb');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(3);
    await item.fill('zebra');
    await item.press('Enter');
    await expect
      .poll(() => page.getByTestId('sale-item-error').textContent())
      .toContain('No product has “zebra”');
    // A scan still goes straight on the sale.
    await item.fill('5012345678917');
    await item.press('Enter');
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(4);
  });
});
