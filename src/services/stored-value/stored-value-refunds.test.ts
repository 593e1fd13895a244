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
import { findGiftCardByNumber } from '../../store/gift-cards.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createCustomer } from '../customers/customers.ts';
import { returnItems } from '../sales/returns.ts';
import { voidSale } from '../sales/sale-void.ts';
import { completeSale } from '../sales/sales.ts';

describe.each(testDatabases())('refunds and voids with stored value on $name', (database) => {
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
    cards = await printCards(deps, shop.actors.supervisor, 12);
    const customer = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Rita Returner' },
    });
    if (!customer.ok) throw new Error(customer.message);
    customerId = customer.value.customer.id;
  });
  afterAll(() => handle.close());

  const payWithCard = async (number: string, cash: number) => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'TEE-M-BLK', quantity: 2 }],
        tenders: [
          { kind: 'gift_card', number },
          ...(cash > 0 ? [{ kind: 'cash' as const, received: cash }] : []),
        ],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    return sale.value;
  };

  it('restores the gift card that paid, part by part and never beyond what it paid', async () => {
    await sellCard(deps, shop.actors.cashier, cards[0]!, 3000);
    const sale = await payWithCard(cards[0]!, 2000);
    expect(await cardBalance(deps, cards[0]!)).toBe(0);
    const lineId = sale.lines[0]!.id;
    const first = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity: 1 }],
        withReceipt: true,
        reason: 'too small',
        idempotencyKey: key(),
      },
    });
    if (!first.ok) throw new Error(first.message);
    expect(first.value.tenders.map((t) => [t.kind, t.amount])).toEqual([['gift_card', -2500]]);
    expect(await cardBalance(deps, cards[0]!)).toBe(2500);
    const second = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: lineId, quantity: 1 }],
        withReceipt: true,
        reason: 'too small',
        idempotencyKey: key(),
      },
    });
    if (!second.ok) throw new Error(second.message);
    // The card paid 3000 of 5000: 500 more goes back to it, the rest in cash.
    expect(second.value.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['gift_card', -500],
      ['cash', -2000],
    ]);
    expect(await cardBalance(deps, cards[0]!)).toBe(3000);
    await expectLedgersBalanced(deps);
  });

  it('refunds to store credit or to a new gift card when asked', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [{ product: 'SOCK-3', quantity: 2 }],
        tenders: [{ kind: 'card', amount: 2000, reference: 'AUTH 5' }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const before = await creditBalance(deps, customerId);
    const toCredit = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'changed mind',
        refundTo: 'store_credit',
        idempotencyKey: key(),
      },
    });
    if (!toCredit.ok) throw new Error(toCredit.message);
    expect(toCredit.value.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['store_credit', -1000],
    ]);
    expect(await creditBalance(deps, customerId)).toBe(before + 1000);
    const toCard = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'changed mind',
        refundTo: { giftCard: cards[1]! },
        idempotencyKey: key(),
      },
    });
    if (!toCard.ok) throw new Error(toCard.message);
    const card = await findGiftCardByNumber(deps.db, cards[1]!);
    expect(card).toMatchObject({ state: 'ACTIVE', balance: 1000 });
    await expectLedgersBalanced(deps);
  });

  it('refuses store credit for a sale without a customer, changing nothing', async () => {
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
    const refused = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'faulty',
        refundTo: 'store_credit',
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'validation_failed', field: 'refundTo' });
    const again = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'faulty',
        idempotencyKey: key(),
      },
    });
    expect(again.ok).toBe(true);
  });

  it('does not take gift cards back as returned items', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ kind: 'gift_card', number: cards[2]!, amount: 2000 }],
        tenders: [{ kind: 'cash', received: 2000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const refused = await returnItems({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ saleLineId: sale.value.lines[0]!.id, quantity: 1 }],
        withReceipt: true,
        reason: 'unwanted gift',
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'line_not_returnable' });
    expect(await cardBalance(deps, cards[2]!)).toBe(2000);
  });

  it('voids a sale: every tender reversed, sold cards deactivated, with a supervisor', async () => {
    await sellCard(deps, shop.actors.cashier, cards[3]!, 1000);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id: customerId },
        lines: [
          { product: 'TEE-M-BLK', quantity: 1 },
          { kind: 'gift_card', number: cards[4]!, amount: 2000 },
          { kind: 'store_credit', amount: 500 },
        ],
        tenders: [
          { kind: 'gift_card', number: cards[3]! },
          { kind: 'cash', received: 5000 },
        ],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const creditBefore = await creditBalance(deps, customerId);
    const refused = await voidSale({
      deps,
      actor: shop.actors.cashier,
      saleId: sale.value.id,
      input: {
        reason: 'rang up by mistake',
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'approval_required' });
    const voidKey = key();
    const voided = await voidSale({
      deps,
      actor: shop.actors.cashier,
      saleId: sale.value.id,
      input: {
        reason: 'rang up by mistake',
        approval: { username: 'supervisor1', pin: '2580' },
        idempotencyKey: voidKey,
      },
    });
    if (!voided.ok) throw new Error(voided.message);
    expect(voided.value).toMatchObject({
      kind: 'return',
      source: 'void',
      total: -sale.value.total,
    });
    expect(voided.value.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ['gift_card', -1000],
      ['cash', -(sale.value.total - 1000)],
    ]);
    expect(await cardBalance(deps, cards[3]!)).toBe(1000);
    expect(await findGiftCardByNumber(deps.db, cards[4]!)).toMatchObject({
      state: 'DEACTIVATED',
      balance: 0,
    });
    expect(await creditBalance(deps, customerId)).toBe(creditBefore - 500);
    const retry = await voidSale({
      deps,
      actor: shop.actors.cashier,
      saleId: sale.value.id,
      input: {
        reason: 'rang up by mistake',
        approval: { username: 'supervisor1', pin: '2580' },
        idempotencyKey: voidKey,
      },
    });
    expect(retry).toMatchObject({ ok: true, value: { id: voided.value.id } });
    const twice = await voidSale({
      deps,
      actor: shop.actors.supervisor,
      saleId: sale.value.id,
      input: {
        reason: 'again',
        idempotencyKey: key(),
      },
    });
    expect(twice).toMatchObject({ ok: false, code: 'sale_not_voidable' });
    await expectLedgersBalanced(deps);
  });

  it('will not void a sale whose gift card has been spent since', async () => {
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ kind: 'gift_card', number: cards[5]!, amount: 2000 }],
        tenders: [{ kind: 'cash', received: 2000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        lines: [{ product: 'SOCK-3', quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: cards[5]! }],
        idempotencyKey: key(),
      },
    });
    const refused = await voidSale({
      deps,
      actor: shop.actors.supervisor,
      saleId: sale.value.id,
      input: {
        reason: 'customer changed mind',
        idempotencyKey: key(),
      },
    });
    expect(refused).toMatchObject({ ok: false, code: 'sale_not_voidable' });
    expect(await cardBalance(deps, cards[5]!)).toBe(1000);
    await expectLedgersBalanced(deps);
  });
});
