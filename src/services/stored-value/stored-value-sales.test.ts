import { minor } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import {
  cardBalance,
  creditBalance,
  expectLedgersBalanced,
  key,
  printCards,
  sellCard,
} from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createCustomer } from '../customers/customers.ts';
import { changeGiftCardByStaff } from './gift-card-operations.ts';
import { purchaseSummary } from '../sales/purchase-history.ts';
import { loadSaleViews } from '../sales/sale-view.ts';
import { completeSale, fingerprint, prepareSale, writePreparedSale } from '../sales/sales.ts';
import { adjustStoreCredit } from './store-credit.ts';

describe.each(testDatabases())('split payment with stored value on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let cards: string[];
  let customerId: string;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    cards = await printCards(deps, shop.actors.supervisor, 20);
    const customer = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Gwen Giver' },
    });
    if (!customer.ok) throw new Error(customer.message);
    customerId = customer.value.customer.id;
  });
  afterAll(() => handle.close());

  it('sells a pre-printed card as a liability, not as spend', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ kind: 'gift_card', number: cards[0]!, amount: 5000 }],
        tenders: [{ kind: 'card', amount: 5000, reference: 'AUTH 1' }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    expect(sale.value.lines[0]).toMatchObject({
      kind: 'gift_card',
      total: 5000,
      tax: 0,
      returnable: 0,
    });
    expect(await cardBalance(deps, cards[0]!)).toBe(5000);
    const summary = await purchaseSummary(deps, customerId);
    if (!summary.ok) throw new Error(summary.message);
    expect(summary.value.lifetimeSpend).toBe(0);
  });

  it('lets a card short of the total pay what it holds, and asks for the rest', async () => {
    await sellCard(deps, shop.actors.cashier, cards[1]!, 3000);
    const short = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: cards[1]! }],
        idempotencyKey: key(),
      },
    });
    expect(short).toMatchObject({ ok: false, code: 'tenders_short', details: { due: 5000 } });
    expect(await cardBalance(deps, cards[1]!)).toBe(3000);
    const paid = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [
          { kind: 'gift_card', number: cards[1]! },
          { kind: 'cash', received: 6000 },
        ],
        idempotencyKey: key(),
      },
    });
    if (!paid.ok) throw new Error(paid.message);
    expect(paid.value.tenders.map((t) => [t.kind, t.amount, t.change])).toEqual([
      ['gift_card', 3000, null],
      ['cash', 5000, 1000],
    ]);
    expect(paid.value.tenders[0]!.reference).toBe(`•••• ${cards[1]!.slice(-4)}`);
    expect(await cardBalance(deps, cards[1]!)).toBe(0);
  });

  it('takes cash, a card reference, two gift cards and store credit in one sale', async () => {
    await sellCard(deps, shop.actors.cashier, cards[2]!, 1000);
    await sellCard(deps, shop.actors.cashier, cards[3]!, 2000);
    const credit = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { currency: 'GBP', amount: minor(1500), reason: 'goodwill', expiresAt: null },
      idempotencyKey: key(),
    });
    if (!credit.ok) throw new Error(credit.message);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [
          { product: 'JEAN-32', quantity: 1 },
          { product: 'TEE-M-BLK', quantity: 1 },
        ],
        tenders: [
          { kind: 'gift_card', number: cards[2]! },
          { kind: 'gift_card', number: cards[3]!, amount: 1500 },
          { kind: 'store_credit' },
          { kind: 'card', amount: 5000, reference: 'AUTH 2' },
          { kind: 'cash', received: 2000 },
        ],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    expect(sale.value.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['gift_card', 1000],
      ['gift_card', 1500],
      ['store_credit', 1500],
      ['card', 5000],
      ['cash', 1500],
    ]);
    expect(await cardBalance(deps, cards[2]!)).toBe(0);
    expect(await cardBalance(deps, cards[3]!)).toBe(500);
    expect(await creditBalance(deps, customerId)).toBe(0);
    await expectLedgersBalanced(deps);
  });

  it.each([
    [
      'an unknown card',
      () => ({ kind: 'gift_card' as const, number: '123456789012' }),
      'invalid_gift_card_number',
    ],
    [
      'a never-sold card',
      () => ({ kind: 'gift_card' as const, number: cards[19]! }),
      'gift_card_not_active',
    ],
    [
      'more than the card holds',
      () => ({ kind: 'gift_card' as const, number: cards[4]!, amount: 2001 }),
      'insufficient_balance',
    ],
    [
      'more than is due',
      () => ({ kind: 'gift_card' as const, number: cards[4]!, amount: 1001 }),
      'tender_exceeds_total',
    ],
  ])('refuses %s and changes no balance', async (_name, tender, code) => {
    if ((await cardBalance(deps, cards[4]!)) === 0)
      await sellCard(deps, shop.actors.cashier, cards[4]!, 2000);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: code === 'insufficient_balance' ? 'JEAN-32' : 'SOCK-3', quantity: 1 }],
        tenders: [tender(), { kind: 'cash', received: 8000 }],
        idempotencyKey: key(),
      },
    });
    expect(sale).toMatchObject({ ok: false, code });
    expect(await cardBalance(deps, cards[4]!)).toBe(2000);
  });

  it('refuses blocked cards, and an unknown valid number', async () => {
    await sellCard(deps, shop.actors.cashier, cards[5]!, 2000);
    const blocked = await changeGiftCardByStaff({
      deps,
      actor: shop.actors.supervisor,
      cardRef: cards[5]!,
      input: { action: 'block', reason: 'reported stolen' },
      idempotencyKey: key(),
    });
    expect(blocked.ok).toBe(true);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: cards[5]! }],
        idempotencyKey: key(),
      },
    });
    expect(sale).toMatchObject({
      ok: false,
      code: 'gift_card_blocked',
      field: 'tenders[0].number',
    });
    const unknown = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: `999999${cards[5]!.slice(6)}`.slice(0, 11) + '0' }],
        idempotencyKey: key(),
      },
    });
    expect(unknown.ok).toBe(false);
    expect(await cardBalance(deps, cards[5]!)).toBe(2000);
  });

  it('refuses store credit without a customer, and more credit than held', async () => {
    const anonymous = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'store_credit' }],
        idempotencyKey: key(),
      },
    });
    expect(anonymous).toMatchObject({ ok: false, code: 'validation_failed', field: 'tenders[0]' });
    const tooMuch = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'store_credit', amount: 1000 }],
        idempotencyKey: key(),
      },
    });
    expect(tooMuch).toMatchObject({ ok: false, code: 'insufficient_balance' });
  });

  it('commits every tender or none: a card drained meanwhile fails the whole sale', async () => {
    await sellCard(deps, shop.actors.cashier, cards[6]!, 1000);
    await sellCard(deps, shop.actors.cashier, cards[7]!, 1000);
    const input = {
      lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
      tenders: [
        { kind: 'gift_card' as const, number: cards[6]! },
        { kind: 'gift_card' as const, number: cards[7]! },
        { kind: 'cash' as const, received: 500 },
      ],
      idempotencyKey: key(),
    };
    const prepared = await prepareSale({
      deps,
      actor: shop.actors.cashier,
      input,
      options: {
        source: 'till',
        requestHash: fingerprint(input),
      },
    });
    if (!prepared.ok) throw new Error(prepared.message);
    // Another till spends the second card between the look-up and the write.
    await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: cards[7]! }],
        idempotencyKey: key(),
      },
    });
    const written = await inTransaction(deps.db, (trx) =>
      writePreparedSale({ trx, actor: shop.actors.cashier, prepared: prepared.value }),
    );
    expect(written).toMatchObject({ ok: false, code: 'insufficient_balance' });
    expect(await cardBalance(deps, cards[6]!)).toBe(1000);
    expect(await cardBalance(deps, cards[7]!)).toBe(0);
    await expectLedgersBalanced(deps);
  });

  it('settles "pay what it holds" at the write: a card spent from meanwhile pays what is left', async () => {
    await sellCard(deps, shop.actors.cashier, cards[9]!, 1000);
    const input = {
      lines: [{ product: 'TEE-M-BLK', quantity: 1 }],
      tenders: [
        { kind: 'gift_card' as const, number: cards[9]! },
        { kind: 'cash' as const, received: 2000 },
      ],
      idempotencyKey: key(),
    };
    const prepared = await prepareSale({
      deps,
      actor: shop.actors.cashier,
      input,
      options: {
        source: 'till',
        requestHash: fingerprint(input),
      },
    });
    if (!prepared.ok) throw new Error(prepared.message);
    await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [
          { kind: 'gift_card', number: cards[9]!, amount: 400 },
          { kind: 'cash', received: 600 },
        ],
        idempotencyKey: key(),
      },
    });
    const written = await inTransaction(deps.db, (trx) =>
      writePreparedSale({ trx, actor: shop.actors.cashier, prepared: prepared.value }),
    );
    if (!written.ok) throw new Error(written.message);
    const [sale] = await loadSaleViews(deps.db, [written.value]);
    expect(sale!.tenders.map((t) => [t.kind, t.amount, t.change])).toEqual([
      ['gift_card', 600, null],
      ['cash', 1900, 100],
    ]);
    expect(await cardBalance(deps, cards[9]!)).toBe(0);
    await expectLedgersBalanced(deps);
  });

  it('never applies a retried sale twice, and refuses the key with another body', async () => {
    await sellCard(deps, shop.actors.cashier, cards[8]!, 3000);
    const request = {
      lines: [{ product: 'SOCK-3', quantity: 1 }],
      tenders: [{ kind: 'gift_card' as const, number: cards[8]! }],
      idempotencyKey: key(),
    };
    const first = await completeSale({ deps, actor: shop.actors.cashier, input: request });
    const retry = await completeSale({ deps, actor: shop.actors.cashier, input: request });
    if (!first.ok || !retry.ok) throw new Error('sale failed');
    expect(retry.value.id).toBe(first.value.id);
    expect(await cardBalance(deps, cards[8]!)).toBe(2000);
    const other = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        ...request,
        tenders: [{ kind: 'gift_card', number: cards[8]!, amount: 1000 }],
      },
    });
    expect(other).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
    expect(await cardBalance(deps, cards[8]!)).toBe(2000);
  });

  it('tops up an active card and sells store credit to the customer', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [
          { kind: 'gift_card', number: cards[8]!, amount: 1000 },
          { kind: 'store_credit', amount: 2500 },
        ],
        tenders: [{ kind: 'cash', received: 3500 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    expect(await cardBalance(deps, cards[8]!)).toBe(3000);
    expect(await creditBalance(deps, customerId)).toBe(2500);
    const noCustomer = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ kind: 'store_credit', amount: 2500 }],
        tenders: [{ kind: 'cash', received: 2500 }],
        idempotencyKey: key(),
      },
    });
    expect(noCustomer).toMatchObject({ ok: false, code: 'validation_failed' });
    await expectLedgersBalanced(deps);
  });
});
