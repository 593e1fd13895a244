import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { listAudit } from '../../src/services/platform/audit.ts';
import type { Actor } from '../../src/services/platform/context.ts';
import { createCustomer } from '../../src/services/customers/customers.ts';
import { sendEReceipt } from '../../src/services/receipts/e-receipts.ts';
import { createMailer } from '../../src/services/platform/mailer.ts';
import { completeSale } from '../../src/services/sales/sales.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { insertOutlet, insertRegister } from '../../src/store/outlets.ts';
import { upsertProducts } from '../../src/store/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { printCards, sellCard } from '../support/stored-value.ts';

const product = {
  category: 'Clothing',
  brand: 'Clientele',
  size: null,
  colour: null,
  currency: 'GBP',
};

describe.each(testDatabases())('receipts on $name', (database) => {
  let handle: DatabaseHandle;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let cashier: { cookie: string };
  let actor: Actor;
  /** Outlet without the name setting; Ada on file with an email. */
  let plainSale: { id: string; number: string };
  /** Outlet that prints the customer's name. */
  let namedSale: { id: string; number: string };
  let anonymousSale: string;
  let noEmailSale: string;

  const sell = async (
    key: string,
    options: { customerId?: string; registerId?: string } = {},
  ): Promise<{ id: string; number: string }> => {
    const sale = await completeSale({
      deps: t.deps,
      actor,
      input: {
        ...(options.registerId ? { registerId: options.registerId } : {}),
        lines: [
          { product: 'TEE-1', quantity: 2 },
          { product: '5000000000028', quantity: 1 },
        ],
        tenders: [{ kind: 'cash', received: 5000 }],
        idempotencyKey: key,
        ...(options.customerId ? { customer: { id: options.customerId } } : {}),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    return { id: sale.value.id, number: sale.value.number };
  };

  const customer = async (input: { name: string; email?: string }): Promise<string> => {
    const created = await createCustomer({ deps: t.deps, actor, input });
    if (!created.ok) throw new Error(created.message);
    return created.value.customer.id;
  };

  beforeAll(async () => {
    handle = await database.open();
    smtp = await startTestSmtpServer();
    const mailer = createMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      password: null,
      from: 'Clientele Shop <receipts@shop.example>',
    });
    t = await buildTestApp(handle, { mailer });
    cashier = { cookie: await t.cookieFor('cashier') };
    actor = t.shop.actors.cashier;
    await upsertProducts(t.deps.db, [
      {
        ...product,
        sku: 'TEE-1',
        barcode: '5000000000011',
        name: 'Logo Tee',
        price: 1250,
        taxRateBp: 2000,
      },
      {
        ...product,
        sku: 'BOOK-1',
        barcode: '5000000000028',
        name: 'Pattern Book',
        price: 499,
        taxRateBp: 0,
      },
    ]);
    const namingOutlet = await insertOutlet(t.deps.db, {
      code: 'NAM',
      name: 'Named Outlet',
      currency: 'GBP',
      timeZone: 'Europe/London',
      settings: { customerNameOnReceipt: true },
    });
    const namingRegister = await insertRegister(t.deps.db, {
      outletId: namingOutlet,
      code: 'NAM-1',
      name: 'Till N',
    });
    const ada = await customer({ name: 'Ada Lovelace', email: 'Ada@Example.com' });
    const charles = await customer({ name: 'Charles Babbage' });
    plainSale = await sell('receipt-plain', { customerId: ada });
    namedSale = await sell('receipt-named', { customerId: ada, registerId: namingRegister });
    anonymousSale = (await sell('receipt-anonymous')).id;
    noEmailSale = (await sell('receipt-no-email', { customerId: charles })).id;
  });
  afterAll(async () => {
    await t.app.close();
    await smtp.close();
    await handle.close();
  });

  const receiptHtml = async (saleId: string, query = '') => {
    const response = await t.app.inject({
      url: `/api/v1/sales/${saleId}/receipt${query}`,
      headers: cashier,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    return response;
  };

  it('prints an 80 mm receipt with the lines, the total and the sale number as a barcode', async () => {
    const response = await receiptHtml(plainSale.id);
    const html = response.body;
    expect(html).toContain('@page { size: 80mm auto; margin: 0 }');
    expect(html).toContain('Logo Tee');
    expect(html).toContain('2 × 12.50');
    expect(html).toContain('Pattern Book');
    expect(html).toContain('29.99'); // the total
    expect(html).toContain('20.01'); // change from 50.00
    expect(html).toContain(plainSale.number);
    expect(html).toMatch(/<svg[^>]*viewBox/);
    expect(html).not.toContain('window.print');
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('prints the customer name only where the outlet says so', async () => {
    expect((await receiptHtml(plainSale.id)).body).not.toContain('Ada Lovelace');
    const named = (await receiptHtml(namedSale.id)).body;
    expect(named).toContain('Customer: Ada Lovelace');
    expect(named).toContain(namedSale.number);
    expect(named).toContain('Named Outlet');
  });

  it('opens the print dialog when asked', async () => {
    expect((await receiptHtml(plainSale.id, '?autoprint=1')).body).toContain('window.print()');
  });

  it('answers an unknown sale or a missing sign-in with problem+json', async () => {
    const missing = await t.app.inject({
      url: '/api/v1/sales/0190f4a0-0000-7000-8000-000000000000/receipt',
      headers: cashier,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'sale_not_found' });
    const anonymous = await t.app.inject({ url: `/api/v1/sales/${plainSale.id}/receipt.pdf` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('renders the receipt as an 80 mm PDF', async () => {
    const response = await t.app.inject({
      url: `/api/v1/sales/${plainSale.id}/receipt.pdf`,
      headers: cashier,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 226\.77\d* /);
  });

  it("emails the receipt to the customer's address on file, with the PDF attached", async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${plainSale.id}/receipt/email`,
      headers: cashier,
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sent: true });
    const delivered = smtp.delivered.at(-1)!;
    expect(delivered.envelopeTo).toEqual(['ada@example.com']);
    expect(delivered.mail.subject).toContain(plainSale.number);
    expect(delivered.mail.html).toContain('29.99');
    expect(delivered.mail.text).toContain('29.99');
    const pdf = delivered.mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`receipt-${plainSale.number}.pdf`);
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const audit = await listAudit(t.deps.db, {
      action: 'receipt.emailed',
      subjectId: plainSale.id,
      page: 1,
      pageSize: 10,
    });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]!.detail).toEqual({ saleNumber: plainSale.number, recipient: 'customer' });
    expect(JSON.stringify(audit.items)).not.toContain('example.com');
  });

  it('resends to an address given at the till', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${anonymousSale}/receipt/email`,
      headers: cashier,
      payload: { to: ' Someone@Example.org ' },
    });
    expect(response.statusCode).toBe(200);
    expect(smtp.delivered.at(-1)!.envelopeTo).toEqual(['someone@example.org']);
  });

  it.each([
    ['a bad address', () => anonymousSale, { to: 'not-an-email' }, 400, 'validation_failed'],
    ['no customer and no address', () => anonymousSale, {}, 400, 'validation_failed'],
    ['a customer without email', () => noEmailSale, {}, 409, 'customer_has_no_email'],
    ['a refused recipient', () => anonymousSale, { to: 'reject@example.org' }, 502, 'mail_failed'],
  ])('refuses %s with a coded problem', async (_case, saleId, payload, status, code) => {
    const before = smtp.delivered.length;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${saleId()}/receipt/email`,
      headers: cashier,
      payload,
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code });
    expect(response.body).not.toContain('@example.org');
    expect(smtp.delivered.length).toBe(before);
  });

  it('names each payment plainly under "Paid", with what is left on a gift card', async () => {
    const [card] = await printCards(t.deps, t.shop.actors.supervisor, 1);
    await sellCard(t.deps, actor, card!, 5000);
    const sale = await completeSale({
      deps: t.deps,
      actor,
      input: {
        lines: [{ product: 'TEE-1', quantity: 2 }],
        tenders: [
          { kind: 'gift_card', number: card!, amount: 2400 },
          { kind: 'card', amount: 100, reference: 'AUTH 55' },
        ],
        idempotencyKey: 'receipt-gift-card',
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const last4 = card!.slice(-4);
    const view = await t.call('GET', `/sales/${sale.value.id}`, cashier.cookie);
    expect(view.json().sale.tenders[0]).toMatchObject({ kind: 'gift_card', balanceAfter: 2600 });
    const html = (await receiptHtml(sale.value.id)).body;
    expect(html).toContain('<h2>Paid</h2>');
    expect(html).toContain(`Gift card •••• ${last4}`);
    expect(html).toMatch(/Left on card[^]*26\.00/);
    expect(html).toContain('Card (ref AUTH 55)');
    expect(html).not.toContain('gift_card');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${sale.value.id}/receipt/email`,
      headers: cashier,
      payload: { to: 'someone@example.org' },
    });
    expect(sent.statusCode).toBe(200);
    const text = smtp.delivered.at(-1)!.mail.text ?? '';
    expect(text).toContain('Paid');
    expect(text).toContain(`Gift card •••• ${last4}`);
    expect(text).toMatch(/Left on card +26\.00/);
    expect(text).not.toContain('gift_card');
  });

  it('says clearly when no mail server is configured', async () => {
    expect(
      await sendEReceipt({ deps: t.deps, mailer: null, actor, saleId: plainSale.id }),
    ).toMatchObject({
      ok: false,
      code: 'mail_not_configured',
    });
    const withoutMail = await buildApp({
      services: t.deps,
      settings: { sessionHours: 8, secureCookies: false, signInRateLimitPerMinute: 1000 },
      logger: false,
    });
    try {
      const response = await withoutMail.inject({
        method: 'POST',
        url: `/api/v1/sales/${plainSale.id}/receipt/email`,
        headers: cashier,
        payload: {},
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'mail_not_configured' });
      expect(response.json().detail).toContain('SMTP_HOST');
    } finally {
      await withoutMail.close();
    }
  });
});
