import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { importCustomersCsv, importReportCsv } from './customer-csv.ts';

describe.each(testDatabases())('customer CSV import on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
  });
  afterAll(() => handle.close());

  const customerNamed = (name: string) =>
    handle.db.selectFrom('customers').select('id').where('name', '=', name).executeTakeFirst();

  it('reports every problem of a line, and the report CSV carries each of them', async () => {
    const csv = [
      'name,phone,email,birthday,notes,email_consent',
      'Many Faults,12,not-an-email,1999-13-45,4111 1111 1111 1111,maybe',
      'All Good,,,,,',
    ].join('\n');
    const result = await importCustomersCsv({ deps, actor: shop.actors.admin, csv });
    if (!result.ok) throw new Error(result.message);
    const rejected = result.value.lines.find((line) => line.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.problems.map((p) => p.field)).toEqual([
      'notes',
      'phone',
      'email',
      'birthday',
      'email_consent',
    ]);
    expect(rejected).toMatchObject({ line: 2, code: 'card_number_refused', field: 'notes' });
    const report = importReportCsv(result.value).trim().split('\n');
    expect(report[0]).toBe('line,status,customer_number,code,field,reason');
    expect(report.filter((row) => row.startsWith('2,rejected'))).toHaveLength(5);
    expect(report.some((row) => row.includes('4111'))).toBe(false);
    expect(result.value).toMatchObject({ imported: 1, rejected: 1 });
  });

  it('needs no consent wording when every consent in the file is "no"', async () => {
    const csv = 'name,email_consent,sms_consent\nNo Thanks,no,no\nNo Answer,,\n';
    const result = await importCustomersCsv({ deps, actor: shop.actors.admin, csv });
    expect(result.ok && result.value).toMatchObject({ imported: 2, rejected: 0 });
    const customer = await customerNamed('No Thanks');
    const consents = await handle.db
      .selectFrom('consent_records')
      .select(['channel', 'granted'])
      .where('customer_id', '=', customer!.id)
      .orderBy('channel')
      .execute();
    expect(consents).toEqual([
      { channel: 'email', granted: false },
      { channel: 'sms', granted: false },
    ]);
  });

  it('refuses the whole file, importing nothing, when a "yes" has no wording', async () => {
    const csv = 'name,email_consent\nWants Mail,yes\nSilent Sue,\nKeen Ken,y\n';
    const result = await importCustomersCsv({ deps, actor: shop.actors.admin, csv });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed', field: 'email_wording' });
    expect(!result.ok && result.message).toContain('lines 2, 4');
    expect(await customerNamed('Silent Sue')).toBeUndefined();
  });

  it('names the missing and unknown columns before reading any line', async () => {
    const result = await importCustomersCsv({
      deps,
      actor: shop.actors.admin,
      csv: 'full_name,emial\nAnn,a@b.c\n',
    });
    expect(result).toMatchObject({ ok: false, field: 'file' });
    expect(!result.ok && result.message).toContain('missing column name');
    expect(!result.ok && result.message).toContain('unknown column full_name, emial');
  });

  it('takes back its own export: number and created_at are known columns', async () => {
    const csv = 'number,name,created_at\n123456789,Round Trip,2026-01-01T00:00:00.000Z\n';
    const result = await importCustomersCsv({ deps, actor: shop.actors.admin, csv });
    expect(result.ok && result.value).toMatchObject({ imported: 1, rejected: 0 });
  });
});
