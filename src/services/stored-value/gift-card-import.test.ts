import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { importGiftCardsCsv } from './gift-card-import.ts';

describe.each(testDatabases())('gift card CSV import on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
  });
  afterAll(() => handle.close());

  it('checks the header first: a wrong one names its columns, not a card number', async () => {
    const result = await importGiftCardsCsv({
      deps,
      actor: shop.actors.admin,
      csv: 'card,value,currency\n6001234567,10.00,GBP\n',
    });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed', field: 'file' });
    expect(!result.ok && result.message).toContain('missing column number, balance');
    expect(!result.ok && result.message).toContain('unknown column card, value');
  });

  it('refuses a file with no data lines', async () => {
    const result = await importGiftCardsCsv({
      deps,
      actor: shop.actors.admin,
      csv: 'number,balance\n',
    });
    expect(result).toMatchObject({ ok: false, field: 'file' });
    expect(!result.ok && result.message).toContain('no data lines');
  });

  it('reports every problem of a line', async () => {
    const result = await importGiftCardsCsv({
      deps,
      actor: shop.actors.admin,
      csv: 'number,balance,currency,expires_at\nABC,ten,POUNDS,someday\n',
    });
    if (!result.ok) throw new Error(result.message);
    const [line] = result.value.lines;
    expect(line?.status === 'rejected' && line.problems.map((p) => p.field)).toEqual([
      'number',
      'currency',
      'balance',
      'expires_at',
    ]);
    expect(line).toMatchObject({ code: 'invalid_gift_card_number', field: 'number' });
  });
});
