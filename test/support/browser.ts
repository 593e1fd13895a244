import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: the browser tests never download one. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserSession = { browser: Browser; page: Page; baseUrl: string };

/**
 * Serves the test app on a free local port and opens a page on it in Chromium.
 * A step that cannot happen fails within 8 s naming its control, well before the test's timeout.
 */
export async function openInBrowser(
  app: FastifyInstance,
  viewport: { width: number; height: number },
): Promise<BrowserSession> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(8_000);
  return { browser, page, baseUrl };
}

/** Signs in at the till's PIN screen on the first register (test staff share PIN 2580). */
export async function signInAtTill(page: Page, username: string): Promise<void> {
  await page.getByTestId('pin-register').selectOption({ index: 1 });
  await page.getByTestId('pin-username').fill(username);
  await page.getByTestId('pin-code').fill('2580');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('till-search').waitFor();
}
