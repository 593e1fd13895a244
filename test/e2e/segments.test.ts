import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../src/services/customers/consents.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { recomputeInsights } from '../../src/services/insights/insights-recompute.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { createTestCatalogue } from '../support/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { key } from '../support/stored-value.ts';

const shots = '/tmp/shots-segments';
const viewport = { width: 1024, height: 768 };

/**
 * The Segments page at 1024×768 (issue 14, item 1): a marketer narrows the criteria and
 * watches the live count follow, saves the segment and sees its members by name and
 * number (no contact detail on the page); a cashier has no Segments link.
 */
describe('segments in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  const customer = async (
    name: string,
    { email, jeans }: { email: string | null; jeans: number },
  ) => {
    const created = await createCustomer({
      deps: t.deps,
      actor: t.shop.actors.cashier,
      input: { name, ...(email ? { email } : {}) },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.customer.id;
    if (email) {
      const consent = await recordConsent({
        deps: t.deps,
        actor: t.shop.actors.cashier,
        customerId: id,
        input: { channel: 'email', granted: true, wording: 'Offers by email' },
      });
      if (!consent.ok) throw new Error(consent.message);
    }
    if (jeans > 0) {
      const sale = await completeSale({
        deps: t.deps,
        actor: t.shop.actors.cashier,
        input: {
          customer: { id },
          lines: [{ product: 'JEAN-32', quantity: jeans }],
          tenders: [{ kind: 'cash', received: 1_000_000 }],
          idempotencyKey: key(),
        },
      });
      if (!sale.ok) throw new Error(sale.message);
    }
  };

  const newPage = async (role: 'marketer' | 'cashier'): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(8_000);
    await page.goto(baseUrl);
    await signInAtTill(page, t.shop.staff[role].username);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    await createTestCatalogue(handle.db);
    await customer('Big Bea', { email: 'bea@example.com', jeans: 3 });
    await customer('Small Sam', { email: 'sam@example.com', jeans: 1 });
    await customer('Quiet Quinn', { email: null, jeans: 2 });
    await recomputeInsights(t.deps);
    ({ browser, baseUrl } = await openInBrowser(t.app, viewport));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('counts live as a marketer narrows the criteria, saves, and previews by name', async () => {
    const page = await newPage('marketer');
    await page.goto(`${baseUrl}/#/segments`);
    const count = page.getByTestId('segment-count');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('3 customers now');
    await page.getByTestId('segment-emailConsent').selectOption('granted');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('2 customers now');
    // Spend in pounds, as the shop writes it: jeans are £80, Bea spent £240.
    await page.getByTestId('segment-spendMin').fill('100');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('1 customer now');
    await page.getByTestId('segment-spendMax').fill('50');
    await expect
      .poll(() => page.getByTestId('segment-problem').textContent())
      .toContain('Spend to');
    await page.getByTestId('segment-spendMax').fill('');

    await page.getByTestId('segment-name').fill('Consenting big spenders');
    await page.getByTestId('segment-save').click();
    const preview = page.getByTestId('segment-preview');
    await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await preview.locator('tbody').textContent()).toContain('Big Bea');
    // The saved segment stays open with its name and criteria.
    expect(await page.getByTestId('segment-name').inputValue()).toBe('Consenting big spenders');
    expect(await page.getByTestId('segment-spendMin').inputValue()).toBe('100.00');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('1 customer now');
    expect(await page.getByTestId('segment-open').allTextContents()).toEqual([
      'Consenting big spenders',
    ]);
    // Nothing of anyone's contact details on the page.
    expect(await page.content()).not.toContain('example.com');
    // It fits: no sideways scrolling at 1024 px.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/segments-1024.png`, fullPage: true });

    // Renamed, then deleted after a confirmation.
    await page.getByTestId('segment-name').fill('Big spenders who agreed');
    await page.getByTestId('segment-save').click();
    await expect
      .poll(() => page.getByTestId('segment-open').allTextContents(), { timeout: 10_000 })
      .toEqual(['Big spenders who agreed']);
    await page.getByTestId('segment-delete').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('segment-open').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('segment-name').inputValue()).toBe('');
    await page.close();
  });

  it('gives a cashier no Segments link', async () => {
    const page = await newPage('cashier');
    expect(await page.locator('a[href="#/segments"]').count()).toBe(0);
    await page.goto(`${baseUrl}/#/segments`);
    await expect
      .poll(() => page.locator('.page-message').textContent())
      .toContain('does not allow');
    await page.close();
  });
});
