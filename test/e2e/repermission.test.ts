import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser, signInAtTill } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

const viewport = { width: 1024, height: 768 };

/**
 * Re-permission on the Campaigns and Segments pages at 1024×768: the purpose choice with
 * its line of explanation and a starter message holding {{reconfirm_link}}, and the
 * segment form's stale email consent state.
 */
describe('re-permission in a browser', () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  const marketerPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(8_000);
    await page.goto(baseUrl);
    await signInAtTill(page, t.shop.staff.marketer.username);
    return page;
  };

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    t = await buildTestApp(handle);
    await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Stale ones', definition: { emailConsent: 'stale' } },
    });
    ({ browser, baseUrl } = await openInBrowser(t.app, viewport));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    await handle?.close();
  });

  it('offers the purpose with its explanation and a starter holding the link', async () => {
    const page = await marketerPage();
    await page.goto(`${baseUrl}/#/campaigns`);
    await page.getByTestId('campaign-name').fill('Still with us?');
    await page.getByTestId('campaign-segment').selectOption({ label: 'Stale ones' });
    await page.getByTestId('campaign-purpose').selectOption('repermission');
    expect(await page.getByTestId('campaign-purpose-help').textContent()).toContain('stale');
    const html = page.locator('textarea').first();
    expect(await html.inputValue()).toContain('{{reconfirm_link}}');
    // No control group by default: a customer held back would never be asked.
    expect(await page.getByLabel('Control %').inputValue()).toBe('0');
    await page.getByTestId('campaign-save').click();
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Campaigns' }).textContent())
      .toContain('Still with us?');
    // Back to marketing: the untouched re-permission starter goes with it.
    await page.getByTestId('campaign-purpose').selectOption('marketing');
    expect(await html.inputValue()).not.toContain('reconfirm_link');
    expect(await page.getByLabel('Control %').inputValue()).toBe('10');
    await page.close();
  });

  it('offers stale email consent on the segment form', async () => {
    const page = await marketerPage();
    await page.goto(`${baseUrl}/#/segments`);
    await expect
      .poll(() => page.locator('select option').allTextContents())
      .toContain('Stale (to re-confirm)');
    await page.close();
  });
});
