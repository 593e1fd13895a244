import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scheduleNightlyBackups,
  type NightlyBackups,
} from '../../src/services/backups/backup-schedule.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { openInBrowser } from '../support/browser.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';

/** The back office's Backups screen as an admin uses it on a 1024×768 screen. */
describe('backups in a browser', () => {
  let handle: DatabaseHandle;
  let root: string;
  let dir: string;
  let backups: NightlyBackups;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    handle = await testDatabases()[0]!.open();
    root = mkdtempSync(join(tmpdir(), 'clientele-backups-e2e-'));
    // A long server path, as real ones are: it must wrap or ellipsize, never widen the page.
    dir = join(root, 'srv', 'clientele-production-shop', 'data', 'backups-kept-on-the-nas-mount');
    backups = scheduleNightlyBackups(
      {
        database: handle,
        databaseUrl: null,
        settings: { dir, keepDays: 7, nightlyAt: { hour: 3, minute: 0 }, pgBinDir: null },
        masterKey: { fromEnvironment: false, dataDir: '/srv/clientele/data' },
      },
      { log: { info: () => undefined, warn: () => undefined } },
    );
    t = await buildTestApp(handle, { backups });
    ({ browser, page, baseUrl } = await openInBrowser(t.app, { width: 1024, height: 768 }));
  });

  afterAll(async () => {
    await browser?.close();
    await backups?.stop();
    await t?.app.close();
    await handle?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const signInToBackOffice = async (username: string) => {
    await page.getByText('Back office', { exact: false }).first().click();
    await page.getByTestId('password-username').fill(username);
    await page.getByTestId('password-password').fill('correct-horse-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('sign-out').waitFor();
  };
  const rows = () => page.getByTestId('backups-row');
  const takeButton = () => page.getByTestId('backups-take');

  it('shows an admin the master key note and no backup yet, under More on a 1024 px screen', async () => {
    await page.goto(baseUrl);
    await signInToBackOffice('admin1');
    await page.locator('.header-more summary').click();
    await page.getByRole('link', { name: 'Backups' }).click();
    await expect
      .poll(() => page.getByTestId('backups-master-key').textContent())
      .toContain(
        'The master key is not in this backup: it is the file /srv/clientele/data/master.key.',
      );
    expect(await page.getByTestId('backups-nightly').textContent()).toBe(
      `Every night at 03:00 into ${dir}, kept 7 days.`,
    );
    await page.getByTestId('backups-none').waitFor();
    expect(await page.getByTestId('backups-none').textContent()).toBe('No backup yet');
  });

  it('backs up now: the button waits, then the new backup is at the top', async () => {
    // The answer is held back so the running state can be seen for certain.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/backups', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await takeButton().click();
    await expect.poll(() => takeButton().textContent()).toBe('Backing up…');
    expect(await takeButton().isDisabled()).toBe(true);
    release();

    await expect.poll(() => rows().count(), { timeout: 8_000 }).toBe(1);
    const [file] = readdirSync(dir).filter((name) => name.startsWith('clientele-manual-'));
    expect(file).toMatch(/\.pglite\.tar\.gz$/);
    const row = await rows().first().textContent();
    expect(row).toContain('By hand');
    expect(row).toContain(file);
    expect(row).toMatch(/\d(\.\d)? (KB|MB)/);
    expect(await rows().first().locator('td.file').getAttribute('title')).toBe(join(dir, file!));
    expect(await page.getByTestId('backups-taken').textContent()).toMatch(
      new RegExp(`^Backup taken: ${file!.replaceAll('.', '\\.')} \\(\\d+(\\.\\d)? (KB|MB)\\)\\.$`),
    );
    expect(await takeButton().textContent()).toBe('Back up now');
    expect(await page.getByTestId('backups-none').count()).toBe(0);

    // Nothing is wider than the 1024 px screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.screenshot({ path: '/tmp/backups-screen.png' });
    await page.unroute('**/api/v1/backups');
  });

  it('says clearly why a backup failed', async () => {
    // The backup folder's place taken by a file: the server cannot write there.
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
    await takeButton().click();
    // The server's own words, after what failed: the folder it could not write to.
    await expect
      .poll(() => page.getByTestId('backups-error').textContent())
      .toMatch(/^The backup failed: Cannot write the backup into /);
    expect(await page.getByTestId('backups-error').textContent()).toContain(dir);
    expect(await rows().count()).toBe(1);
    expect(await page.getByTestId('backups-taken').count()).toBe(0);
    expect(await takeButton().isDisabled()).toBe(false);
  });

  it('shows a cashier no Backups entry, and the page says the role may not use it', async () => {
    await page.getByTestId('sign-out').click();
    await signInToBackOffice('cashier1');
    expect(await page.locator('.header-nav a[href="#/backups"]').count()).toBe(0);
    await page.goto(`${baseUrl}/#/backups`);
    await page.getByText('Your role does not allow this page.').waitFor();
    expect(await page.getByTestId('backups-take').count()).toBe(0);
  });
});
