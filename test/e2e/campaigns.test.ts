import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCampaignWorker } from '../../src/services/campaigns/campaign-worker.ts';
import { recordConsent } from '../../src/services/customers/consents.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { configureTestMail } from '../support/campaigns.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const shots = '/tmp/shots-campaigns';
const viewport = { width: 1024, height: 768 };

/**
 * The Campaigns page at 1024×768: a marketer writes a draft for a segment, previews it
 * for a member, sends it now and watches the results; a cashier has no Campaigns link.
 */
describe('campaigns in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let baseUrl: string;

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
    smtp = await startTestSmtpServer();
    await configureTestMail(t.deps, {
      admin: t.shop.actors.admin,
      port: smtp.port,
      ratePerSecond: 50,
    });
    for (const [name, email] of [
      ['Ada Lovelace', 'ada@example.com'],
      ['Bo Brown', 'bo@example.com'],
    ] as const) {
      const created = await createCustomer({
        deps: t.deps,
        actor: t.shop.actors.cashier,
        input: { name, email },
      });
      if (!created.ok) throw new Error(created.message);
      await recordConsent({
        deps: t.deps,
        actor: t.shop.actors.cashier,
        customerId: created.value.customer.id,
        input: { channel: 'email', granted: true, wording: 'Offers by email' },
      });
    }
    await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Everyone', definition: {} },
    });
    ({ browser, baseUrl } = await openInBrowser(t.app, viewport));
  });

  afterAll(async () => {
    await browser?.close();
    await smtp?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('writes, previews and sends a campaign, then shows its results', async () => {
    const page = await newPage('marketer');
    await page.goto(`${baseUrl}/#/campaigns`);
    await page.getByTestId('campaign-name').fill('Spring hello');
    await page.getByTestId('campaign-segment').selectOption({ label: 'Everyone' });
    await expect
      .poll(() => page.getByTestId('campaign-count').textContent(), { timeout: 10_000 })
      .toBe('2 customers now');
    await page.getByTestId('campaign-save').click();
    await page.getByTestId('campaign-preview-for').selectOption({ index: 1 });
    await page.getByTestId('campaign-preview-button').click();
    await expect
      .poll(() => page.getByTestId('campaign-preview').textContent(), { timeout: 10_000 })
      .toMatch(/A treat for you, (Ada|Bo)/);
    // The HTML part, in its sandboxed frame, filled with the member's own values.
    await expect
      .poll(() =>
        page.frameLocator('[data-testid=campaign-preview] iframe').locator('body').textContent(),
      )
      .toMatch(/Hi (Ada|Bo),/);
    expect(await page.content()).not.toContain('example.com');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/campaign-editor-1024.png`, fullPage: true });

    const worker = startCampaignWorker(t.deps, { idleMillis: 50 });
    try {
      await page.getByTestId('campaign-send').click();
      await expect
        .poll(() => page.getByTestId('campaign-sent').textContent(), { timeout: 20_000 })
        .toMatch(/^[12]$/);
    } finally {
      await worker.stop();
    }
    await expect.poll(() => smtp.delivered.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/campaign-results-1024.png`, fullPage: true });
    await page.close();
  });

  it('gives a cashier no Campaigns link', async () => {
    const page = await newPage('cashier');
    expect(await page.locator('a[href="#/campaigns"]').count()).toBe(0);
    await page.close();
  });
});
