import { minor } from '../../domain/units.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnly } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import {
  cardBalance,
  creditBalance,
  expectLedgersBalanced,
  key,
  printCards,
  sellCard,
} from '../../../test/support/stored-value.ts';
import type { Result } from '../../domain/result.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { insertRegister } from '../../store/outlets.ts';
import { upsertProducts } from '../../store/catalogue.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createCustomer } from '../customers/customers.ts';
import type { SaleView } from '../sales/sale-view.ts';
import { completeSale } from '../sales/sales.ts';
import { adjustStoreCredit } from './store-credit.ts';
import type { TenderRequest } from './stored-value-sale.ts';

const postgres = postgresOnly({ poolSize: 24 });

/** 18.00 a sale, so ten tills ask 180.00 of a 50.00 balance and 14.00 is the odd part. */
const price = 1800;
const balance = 5000;
const tills = 10;

describe.runIf(postgres)('"pay what it holds" racing on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let registers: string[];

  beforeAll(async () => {
    handle = await postgres!.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await upsertProducts(deps.db, [
      {
        sku: 'SCARF',
        barcode: null,
        name: 'Wool scarf',
        category: 'accessories',
        brand: null,
        size: null,
        colour: null,
        price,
        currency: 'GBP',
        taxRateBp: 2000,
      },
    ]);
    registers = [];
    for (let index = 0; index < tills; index += 1) {
      registers.push(
        await insertRegister(deps.db, {
          outletId: shop.outletId,
          code: `RACE-${index}`,
          name: `Till ${index}`,
        }),
      );
    }
  });
  afterAll(() => handle?.close());

  /** Ten tills, each selling one scarf at once, paid by `tenders`. */
  function raceSales(tenders: TenderRequest[], customerId?: string) {
    return Promise.all(
      registers.map((registerId) =>
        completeSale({
          deps,
          actor: shop.actors.cashier,
          input: {
            registerId,
            ...(customerId ? { customer: { id: customerId } } : {}),
            lines: [{ product: 'SCARF', quantity: 1 }],
            tenders,
            idempotencyKey: key(),
          },
        }),
      ),
    );
  }

  const paidBy = (results: Result<SaleView>[], kind: string) =>
    results.reduce(
      (sum, result) =>
        sum +
        (result.ok
          ? result.value.tenders
              .filter((tender) => tender.kind === kind)
              .reduce((paid, tender) => paid + tender.amount, 0)
          : 0),
      0,
    );

  /** A refusal is only ever an empty balance: never one that still held money. */
  function expectOnlyEmptyRefused(results: Result<SaleView>[]) {
    for (const result of results) {
      if (!result.ok)
        expect(result).toMatchObject({ code: 'insufficient_balance', details: { balance: 0 } });
    }
  }

  it('lets every till take what one card holds, the rest in cash, stranding nothing', async () => {
    const [card] = await printCards(deps, shop.actors.supervisor, 1);
    await sellCard(deps, shop.actors.cashier, card!, balance);
    const results = await raceSales([
      { kind: 'gift_card', number: card! },
      { kind: 'cash', received: price },
    ]);
    expectOnlyEmptyRefused(results);
    expect(await cardBalance(deps, card!)).toBe(0);
    expect(paidBy(results, 'gift_card')).toBe(balance);
    // Two full scarves, then one paying 14.00 by card and 4.00 in cash.
    const split = results.flatMap((result) =>
      result.ok && result.value.tenders[0]!.amount < price ? [result.value] : [],
    );
    expect(split.map((sale) => sale.tenders.map((t) => [t.kind, t.amount]))).toEqual([
      [
        ['gift_card', balance % price],
        ['cash', price - (balance % price)],
      ],
    ]);
    await expectLedgersBalanced(deps);
  });

  it('asks for the rest with the amount the card really left, when nothing else pays', async () => {
    const [card] = await printCards(deps, shop.actors.supervisor, 1);
    await sellCard(deps, shop.actors.cashier, card!, balance);
    const results = await raceSales([{ kind: 'gift_card', number: card! }]);
    const left = await cardBalance(deps, card!);
    expect(left).toBe(balance % price);
    expect(results.filter((result) => result.ok)).toHaveLength(Math.floor(balance / price));
    for (const result of results) {
      if (!result.ok)
        expect(result).toMatchObject({ code: 'tenders_short', details: { due: price - left } });
    }
    expect(paidBy(results, 'gift_card')).toBe(balance - left);
    await expectLedgersBalanced(deps);
  });

  it("spends one customer's store credit the same way from ten tills", async () => {
    const customer = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name: 'Rita Racer' },
    });
    if (!customer.ok) throw new Error(customer.message);
    const customerId = customer.value.customer.id;
    const credit = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId,
      input: { currency: 'GBP', amount: minor(balance), reason: 'goodwill', expiresAt: null },
      idempotencyKey: key(),
    });
    if (!credit.ok) throw new Error(credit.message);
    const results = await raceSales(
      [{ kind: 'store_credit' }, { kind: 'cash', received: price }],
      customerId,
    );
    expectOnlyEmptyRefused(results);
    expect(await creditBalance(deps, customerId)).toBe(0);
    expect(paidBy(results, 'store_credit')).toBe(balance);
    await expectLedgersBalanced(deps);
  });
});
