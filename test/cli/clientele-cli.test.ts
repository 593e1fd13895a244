import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientele } from '../support/cli.ts';
import { makeCardNumber } from '../../src/domain/customer-number.ts';

/** Runs the real CLI in a child process against its own embedded database. */
const clientele = (args: string[], env: Record<string, string>) =>
  runClientele(args, { ...env, DATABASE_URL: '' });

describe('clientele CLI', { timeout: 120_000 }, () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-cli-'));
    env = { CLIENTELE_DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands', async () => {
    const help = await clientele(['--help'], env);
    for (const command of ['serve', 'migrate', 'demo', 'staff', 'customers'])
      expect(help.stdout).toContain(command);
  });

  it('reports bad configuration clearly', async () => {
    const result = await clientele(['migrate'], {
      ...env,
      PORT: 'eighty',
      CLIENTELE_MASTER_KEY: 'short',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('CLIENTELE_MASTER_KEY must be 32 bytes');
  });

  it('imports a CSV accounting for every line, then exports it again', async () => {
    const csv = [
      'name,phone,email,city,postcode,address_line1,country,birthday,card_number,email_consent,sizes',
      `Ann Import,07911 123456,ann@example.com,Leeds,LS1 1AA,1 High St,GB,1980-01-02,${makeCardNumber(31)},yes,"M, L"`,
      ',07911 123987,,,,,,,,,',
      'Bad Phone,12,,,,,,,,,',
      `Card Clash,,,,,,,,${makeCardNumber(31)},,`,
      'Quote "Q" Person,,q@example.com,,,,,,,no,',
      'Bad Consent,,,,,,,,,maybe,',
    ].join('\n');
    const file = join(dir, 'customers.csv');
    const report = join(dir, 'report.csv');
    writeFileSync(file, csv);
    const imported = await clientele(
      ['customers', 'import', file, '--report', report, '--email-wording', 'Email me offers'],
      env,
    );
    expect(imported.stdout, imported.stderr).toContain('2 imported, 4 rejected');
    expect(imported.stdout).toContain('line 3: rejected validation_failed (name)');
    expect(imported.stdout).toContain('line 4: rejected validation_failed (phone)');
    expect(imported.stdout).toContain('line 5: rejected card_already_linked (card_number)');
    expect(imported.stdout).toContain('line 7: rejected validation_failed (email_consent)');
    expect(imported.code).toBe(1);
    const reportLines = readFileSync(report, 'utf8').trim().split('\n');
    expect(reportLines).toHaveLength(7);
    expect(reportLines[1]).toMatch(/^2,imported,\d{9},,,$/);

    const out = join(dir, 'export.csv');
    const exported = await clientele(['customers', 'export', '--out', out], env);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toContain('number,name,phone,email');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain(
      `Ann Import,+447911123456,ann@example.com,1 High St,,Leeds,LS1 1AA,GB,1980-01-02,"M, L"`,
    );
    expect(lines.join('\n')).toContain(makeCardNumber(31));
  });

  it('exports one customer as JSON with a reason, and refuses an unknown number', async () => {
    // Ann Import, from the import above: her number is in its report.
    const number = readFileSync(join(dir, 'report.csv'), 'utf8').split('\n')[1]!.split(',')[2]!;
    const printed = await clientele(
      ['customers', 'export-one', number, '--reason', 'subject access request'],
      env,
    );
    expect(printed.code, printed.stderr).toBe(0);
    const document = JSON.parse(printed.stdout);
    expect(document).toMatchObject({
      schemaVersion: 1,
      customer: { number, name: 'Ann Import' },
      contacts: { phone: '+447911123456', email: 'ann@example.com' },
      cards: [{ number: makeCardNumber(31) }],
    });
    const out = join(dir, 'unknown.json');
    const unknown = await clientele(
      ['customers', 'export-one', '000000000', '--reason', 'subject access request', '--out', out],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error customer_not_found');
    expect(existsSync(out)).toBe(false);
  });

  it('imports a catalogue and sales history, accounting for every line', async () => {
    // A shop of its own: the demo gives it an outlet to sell from.
    const env = { CLIENTELE_DATA_DIR: join(dir, 'shop') };
    expect((await clientele(['demo', '--customers', '8'], env)).code).toBe(0);
    const products = join(dir, 'products.csv');
    writeFileSync(
      products,
      [
        'sku,barcode,name,price,tax_rate',
        'TEE-1,5012345678900,Tee,12.50,20',
        'BAD,,No price,,20',
        'BOOK,,Book,9.99,0',
      ].join('\n'),
    );
    const catalogue = await clientele(['import', 'products', products], env);
    expect(catalogue.stdout, catalogue.stderr).toContain('2 imported, 1 rejected');
    expect(catalogue.stdout).toContain('line 3: rejected validation_failed (price)');
    const sales = join(dir, 'sales.csv');
    writeFileSync(
      sales,
      [
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
        '900001,TEE-1,TEE,2,12/1/10 8:26,12.50,555,United Kingdom',
        '900002,ADJ,ADJUSTMENT,-5,12/1/10 9:00,0,,United Kingdom',
        'C900003,TEE-1,TEE,-1,12/2/10 10:00,12.50,555,United Kingdom',
      ].join('\n'),
    );
    const imported = await clientele(['import', 'sales', sales], env);
    expect(imported.stdout, imported.stderr).toContain(
      '3 lines: 2 imported, 0 already imported, 1 rejected',
    );
    expect(imported.stdout).toContain('1 sales, 1 returns, 1 new customers');
    const again = await clientele(['import', 'sales', sales], env);
    expect(again.stdout).toContain('0 imported, 2 already imported, 1 rejected');
  });

  // Seven runs of the command, each opening the database: slow on a busy machine.
  it('sets up a real shop on an empty database, step by step', { timeout: 300_000 }, async () => {
    const shop = { CLIENTELE_DATA_DIR: join(dir, 'real-shop'), CLIENTELE_DEMO: 'false' };
    expect((await clientele(['migrate'], shop)).stdout).toContain('Database is up to date.');
    const empty = await clientele(['outlets', 'list'], shop);
    expect(empty.stdout).toContain('No outlets yet');
    const steps = [
      [
        ['staff', 'add', '--username', 'pat', '--name', 'Pat Owner', '--role', 'admin'],
        ['--password', 'first-admin-1', '--pin', '4826'],
      ].flat(),
      ['shop', 'set', '--name', 'Pat’s Boutique', '--country', 'IE'],
      [
        ['outlets', 'add', '--code', 'main', '--name', 'Main Street', '--currency', 'EUR'],
        ['--time-zone', 'Europe/Dublin'],
      ].flat(),
      ['registers', 'add', '--outlet', 'MAIN', '--code', 'MAIN-1', '--name', 'Front till'],
    ];
    const said = [];
    for (const step of steps) {
      const result = await clientele(step, shop);
      expect(result.code, result.stderr).toBe(0);
      said.push(result.stdout.trim());
    }
    expect(said).toEqual([
      'Added pat (admin).',
      'Shop: Pat’s Boutique (IE)',
      'Added outlet MAIN (Main Street, EUR, Europe/Dublin, tax_inclusive).',
      'Added register MAIN-1 (Front till) to MAIN.',
    ]);
    const listed = await clientele(['outlets', 'list'], shop);
    expect(listed.stdout).toBe('MAIN  Main Street  EUR  Europe/Dublin\n  MAIN-1  Front till\n');
    const nowhere = await clientele(
      ['registers', 'add', '--outlet', 'NOPE', '--code', 'X-1', '--name', 'Lost'],
      shop,
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('error outlet_not_found (outlet)');
  });

  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    const result = await clientele(['--version'], env);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('says in one line that a file is missing, without a stack trace', async () => {
    for (const args of [
      ['customers', 'import', join(dir, 'nowhere.csv')],
      ['gift-cards', 'import', join(dir, 'nowhere.csv')],
      ['import', 'sales', join(dir, 'nowhere.csv')],
      ['customers', 'export', '--out', join(dir, 'no-such-dir', 'out.csv')],
    ]) {
      const result = await clientele(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
      expect(result.stderr).toMatch(/^error file_not_found \((file|out)\): /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses an empty file and one with no data lines', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, 'name,phone\n');
    const none = await clientele(['customers', 'import', empty], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('The file is empty');
    expect(none.stdout).not.toContain('0 imported');
    const noLines = await clientele(['customers', 'import', headerOnly], env);
    expect(noLines.code).toBe(1);
    expect(noLines.stderr).toContain('no data lines');
  });

  it('checks a gift card file header and names the columns it lacks', async () => {
    const file = join(dir, 'old-cards.csv');
    writeFileSync(file, 'card,amount\n6001234567,10.00\n');
    const result = await clientele(['gift-cards', 'import', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing column number, balance');
    expect(result.stderr).not.toContain('invalid_gift_card_number');
  });

  it('refuses a card number in any command-line value', async () => {
    const result = await clientele(
      ['staff', 'add', '--username', 'lee', '--name', '4111 1111 1111 1111', '--role', 'cashier'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error card_number_refused (name): --name looks like a payment card number; card numbers are never stored',
    );
  });

  it('adds staff from the command line, refusing a weak PIN', async () => {
    const weak = await clientele(
      ['staff', 'add', '--username', 'kim', '--name', 'Kim', '--role', 'cashier', '--pin', '1234'],
      env,
    );
    expect(weak.stderr).toContain('error validation_failed (pin)');
    const added = await clientele(
      ['staff', 'add', '--username', 'kim', '--name', 'Kim', '--role', 'cashier', '--pin', '4826'],
      env,
    );
    expect(added.stdout).toContain('Added kim (cashier)');
  });
});
