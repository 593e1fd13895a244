import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { postgresOnly, testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createCustomer } from '../customers/customers.ts';
import { listAudit } from '../platform/audit.ts';
import { exchangeItems } from './exchanges.ts';
import { returnItems } from './returns.ts';
import { completeSale } from './sales.ts';

let keys = 0;
const key = () => `test-${Date.now()}-${keys++}`;

describe.each(testDatabases())('sales and returns on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let customerId: string;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    const customer = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Sally Shopper' },
    });
    if (!customer.ok) throw new Error(customer.message);
    customerId = customer.value.customer.id;
  });
  afterAll(() => handle.close());

  it('completes a sale with a customer, per-line tax, a discount and cash change', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [
          { product: '5012345678900', quantity: 2, discount: 500 },
          { product: 'BOOK-1', quantity: 1 },
        ],
        tenders: [{ kind: 'cash', received: 6000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    expect(sale.value).toMatchObject({
      kind: 'sale',
      number: 'TST-1-000001',
      customer: { name: 'Sally Shopper' },
      subtotal: 5999,
      discountTotal: 500,
      taxTotal: 750,
      total: 5499,
      tenders: [{ kind: 'cash', amount: 5499, received: 6000, change: 501 }],
    });
    expect(sale.value.lines.map((line) => [line.sku, line.quantity, line.total, line.tax])).toEqual(
      [
        ['TEE-M-BLK', 2, 4500, 750],
        ['BOOK-1', 1, 999, 0],
      ],
    );
  });

  it('returns the first answer to a retried key, and refuses the key with another sale', async () => {
    const request = {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'card' as const, amount: 1000, reference: 'AUTH 77' }],
      idempotencyKey: key(),
    };
    const first = await completeSale({ deps, actor: shop.actors.cashier, input: request });
    const retry = await completeSale({ deps, actor: shop.actors.cashier, input: request });
    if (!first.ok || !retry.ok) throw new Error('sale failed');
    expect(retry.value.id).toBe(first.value.id);
    const other = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        ...request,
        lines: [{ product: 'SOCK-3', quantity: 2 }],
      },
    });
    expect(other).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
  });

  it.each([
    [
      { lines: [{ product: 'NOPE', quantity: 1 }], tenders: [{ kind: 'cash', received: 100 }] },
      'product_not_found',
      'lines[0].product',
    ],
    [
      { lines: [{ product: 'SOCK-3', quantity: 0 }], tenders: [{ kind: 'cash', received: 100 }] },
      'validation_failed',
      'lines[0].quantity',
    ],
    [
      { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [{ kind: 'cash', received: 500 }] },
      'tenders_short',
      'tenders',
    ],
    [
      {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'card', amount: 1000, reference: '4111111111111111' }],
      },
      'card_number_refused',
      'tenders[0].reference',
    ],
    [{ lines: [], tenders: [] }, 'validation_failed', 'lines'],
  ] as const)('refuses bad sales and writes nothing (%#)', async (input, code, field) => {
    const before = await handle.db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const result = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        ...input,
        lines: [...input.lines],
        tenders: [...input.tenders],
        idempotencyKey: key(),
      },
    });
    expect(result).toMatchObject({ ok: false, code, field });
    const after = await handle.db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('returns part of a line pro rata, to the original card, never more than sold', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'TEE-M-BLK', quantity: 3, discount: 1 }],
        tenders: [{ kind: 'card', amount: 7499, reference: 'AUTH 5501' }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const lineId = sale.value.lines[0]!.id;
    const first = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity: 1 }],
        withReceipt: true,
        reason: 'wrong size',
        idempotencyKey: key(),
      },
    });
    if (!first.ok) throw new Error(first.message);
    expect(first.value).toMatchObject({
      kind: 'return',
      total: -2500,
      customer: { name: 'Sally Shopper' },
      originalSaleId: sale.value.id,
      tenders: [{ kind: 'card', amount: -2500, reference: 'AUTH 5501' }],
    });
    const rest = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity: 2 }],
        withReceipt: true,
        reason: 'changed mind',
        idempotencyKey: key(),
      },
    });
    if (!rest.ok) throw new Error(rest.message);
    expect(first.value.total + rest.value.total).toBe(-7499);
    const over = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity: 1 }],
        withReceipt: true,
        reason: 'again',
        idempotencyKey: key(),
      },
    });
    expect(over).toMatchObject({
      ok: false,
      code: 'return_exceeds_sold',
      field: 'lines[0].quantity',
    });
  });

  it('exchanges in one step: the refund pays for the new items, the difference is paid or given back', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'TEE-M-BLK', quantity: 2 }],
        tenders: [{ kind: 'card', amount: 5000, reference: 'AUTH 6001' }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const lineId = sale.value.lines[0]!.id;
    const dearer = await exchangeItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        return: {
          lines: [{ saleLineId: lineId, quantity: 1 }],
          withReceipt: true,
          reason: 'wrong size',
        },
        sale: {
          lines: [{ product: 'JEAN-32', quantity: 1 }],
          tenders: [{ kind: 'cash', received: 6000 }],
        },
        idempotencyKey: key(),
      },
    });
    if (!dearer.ok) throw new Error(dearer.message);
    expect(dearer.value.return).toMatchObject({
      total: -2500,
      tenders: [{ kind: 'exchange', amount: -2500 }],
    });
    expect(dearer.value.sale).toMatchObject({
      total: 8000,
      customer: { id: customerId },
      tenders: [
        { kind: 'exchange', amount: 2500 },
        { kind: 'cash', amount: 5500, change: 500 },
      ],
    });
    expect(dearer.value.sale.exchangeId).toBe(dearer.value.return.exchangeId);
    const cheaper = await exchangeItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        return: {
          lines: [{ saleLineId: lineId, quantity: 1 }],
          withReceipt: true,
          reason: 'changed mind',
        },
        sale: { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [] },
        idempotencyKey: key(),
      },
    });
    if (!cheaper.ok) throw new Error(cheaper.message);
    expect(cheaper.value.return.tenders).toEqual([
      expect.objectContaining({ kind: 'exchange', amount: -1000 }),
      expect.objectContaining({ kind: 'card', amount: -1500, reference: 'AUTH 6001' }),
    ]);
    const tooMuch = await exchangeItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        return: {
          lines: [{ saleLineId: lineId, quantity: 1 }],
          withReceipt: true,
          reason: 'again',
        },
        sale: { lines: [{ product: 'SOCK-3', quantity: 1 }], tenders: [] },
        idempotencyKey: key(),
      },
    });
    expect(tooMuch).toMatchObject({ ok: false, code: 'return_exceeds_sold' });
  });

  it('needs a supervisor for a large return without a receipt', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 8000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const request = {
      lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
      withReceipt: false,
      reason: 'faulty zip',
    };
    expect(
      await returnItems({
        deps,
        actor: shop.actors.cashier,
        input: { ...request, idempotencyKey: key() },
      }),
    ).toMatchObject({
      ok: false,
      code: 'approval_required',
    });
    expect(
      await returnItems({
        deps,
        actor: shop.actors.cashier,
        input: {
          ...request,
          approval: { username: shop.staff.cashier.username, pin: shop.staff.cashier.pin },
          idempotencyKey: key(),
        },
      }),
    ).toMatchObject({ ok: false, code: 'approval_required' });
    const approved = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        ...request,
        approval: { username: shop.staff.supervisor.username, pin: shop.staff.supervisor.pin },
        idempotencyKey: key(),
      },
    });
    expect(approved).toMatchObject({
      ok: true,
      value: { total: -8000, tenders: [{ kind: 'cash', amount: -8000 }] },
    });
    if (!approved.ok) return;
    const logged = await listAudit(deps.db, {
      subjectId: approved.value.id,
      page: 1,
      pageSize: 10,
    });
    expect(logged.items.map((item) => [item.action, item.detail])).toEqual([
      [
        'return.no_receipt',
        {
          refund: 8000,
          approvedByStaffId: shop.staff.supervisor.id,
          originalSaleId: sale.value.id,
        },
      ],
    ]);
  });

  it('audits a no-receipt refund under the limit too, which needs no approval', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 1000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const back = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: false,
        reason: 'wrong size',
        idempotencyKey: key(),
      },
    });
    if (!back.ok) throw new Error(back.message);
    const logged = await listAudit(deps.db, { subjectId: back.value.id, page: 1, pageSize: 10 });
    expect(logged.items).toMatchObject([
      {
        action: 'return.no_receipt',
        actor: { username: shop.staff.cashier.username },
        detail: { refund: 1000, approvedByStaffId: null, originalSaleId: sale.value.id },
      },
    ]);
  });
});

const postgres = postgresOnly({ poolSize: 16 });

describe.runIf(postgres)('concurrent returns of one line on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;

  beforeAll(async () => {
    handle = await postgres!.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
  });
  afterAll(() => handle?.close());

  it('lets registers racing to return the same units succeed only as far as units were sold', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'TEE-M-BLK', quantity: 3 }],
        tenders: [{ kind: 'cash', received: 7500 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const lineId = sale.value.lines[0]!.id;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        returnItems({
          deps,
          actor: shop.actors.cashier,
          input: {
            lines: [{ saleLineId: lineId, quantity: 1 }],
            withReceipt: true,
            reason: 'race',
            idempotencyKey: key(),
          },
        }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.ok)).toHaveLength(3);
    expect(
      attempts
        .filter((attempt) => !attempt.ok)
        .every((attempt) => !attempt.ok && attempt.code === 'return_exceeds_sold'),
    ).toBe(true);
    const refunded = attempts.reduce(
      (sum, attempt) => sum + (attempt.ok ? attempt.value.total : 0),
      0,
    );
    expect(refunded).toBe(-7500);
    const line = await handle.db
      .selectFrom('sale_lines')
      .select('returned_quantity')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow();
    expect(line.returned_quantity).toBe(3);
  });
});
