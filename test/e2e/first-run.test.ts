import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { openInBrowser } from '../support/browser.ts';
import { serviceDeps } from '../support/deps.ts';

/**
 * A shop started without the demo: an empty database, no one to sign in. The first-run
 * screen creates the first admin, the shop, its outlet and till, and signs the admin in.
 */
describe('first run of an empty shop in a browser', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    app = await buildApp({
      services: serviceDeps(handle),
      settings: { sessionHours: 8, secureCookies: false, signInRateLimitPerMinute: 1000 },
      logger: false,
    });
    ({ browser, page, baseUrl } = await openInBrowser(app, { width: 1024, height: 768 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
  });

  it('creates the first admin, shop, outlet and till, then signs the admin in', async () => {
    await page.goto(baseUrl);
    await page.getByTestId('first-run').waitFor();
    await page.getByTestId('setup-display-name').fill('Pat Owner');
    await page.getByTestId('setup-username').fill('pat');
    await page.getByTestId('setup-password').fill('first-admin-1');
    await page.getByTestId('setup-pin').fill('1234');
    await page.getByTestId('setup-shop-name').fill('Pat’s Boutique');
    await page.getByTestId('setup-country').selectOption('IE');
    expect(await page.getByTestId('setup-currency').inputValue()).toBe('EUR');
    await page.getByTestId('setup-time-zone').selectOption('Europe/Dublin');
    await page.getByTestId('setup-register-name').fill('Front till');
    // The submit button is on screen at 1024×768 without scrolling.
    const submit = await page.getByTestId('setup-submit').boundingBox();
    expect(submit!.y + submit!.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: '/tmp/first-run.png' });

    await page.getByTestId('setup-submit').click();
    await expect
      .poll(() => page.getByTestId('setup-error-admin.pin').textContent(), { timeout: 8_000 })
      .toContain('too easy to guess');
    await page.getByTestId('setup-pin').fill('4826');
    await page.getByTestId('setup-submit').click();

    // Hashing the password and PIN takes a moment on purpose.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/staff');
    await expect.poll(() => page.getByTestId('first-run').count()).toBe(0);
    await expect
      .poll(() => page.getByText('Pat Owner').first().isVisible(), { timeout: 8_000 })
      .toBe(true);
    await page.screenshot({ path: '/tmp/first-run-done.png' });
    const staff = await handle.db.selectFrom('staff').select(['username', 'role']).execute();
    expect(staff).toEqual([{ username: 'pat', role: 'admin' }]);
    const outlets = await handle.db.selectFrom('outlets').select(['code', 'currency']).execute();
    expect(outlets).toEqual([{ code: 'PATSBOUTIQ', currency: 'EUR' }]);

    // A second browser now gets the sign-in screen, with the new till to pick.
    const other = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await other.goto(baseUrl);
    await other.getByTestId('pin-register').waitFor();
    expect(await other.getByTestId('first-run').count()).toBe(0);
    // The register list arrives after the screen: wait for it rather than read "Loading…".
    await expect
      .poll(() => other.getByTestId('pin-register').textContent(), { timeout: 8_000 })
      .toContain('Front till');
    await other.close();
  });
});
