import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { expectPointsBalanced, points as pointsOf } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import { makeCardNumber } from '../../domain/customer-number.ts';
import { minor, points } from '../../domain/units.ts';
import { selectConsentRecords } from '../../store/consents.ts';
import { selectCustomerChanges } from '../../store/customer-changes.ts';
import { isMarketingSuppressed } from '../../store/customer-erasure.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectStoreCreditMismatches } from '../../store/store-credit.ts';
import { selectGiftCardLedgerMismatches } from '../../store/gift-cards.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { adjustPoints } from '../loyalty/loyalty-bonus.ts';
import { completeSale } from '../sales/sales.ts';
import { adjustStoreCredit } from '../stored-value/store-credit.ts';
import { linkCard } from './customer-cards.ts';
import { eraseCustomer, erasureSteps } from './customer-erasure.ts';
import { mergeCustomers } from './customer-merge.ts';
import { resolveCustomerReference } from './customer-reference.ts';
import { searchCustomers, searchedErasedCustomer } from './customer-search.ts';
import { createCustomer, getCustomer } from './customers.ts';
import { openRightsRequest } from './rights-requests.ts';

describe.each(testDatabases())('erasing a customer on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let serial = 700;

  /** A customer with contact details, a card, consent, a sale, store credit and points. */
  const fullCustomer = async (name: string) => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: {
        name,
        phone: `07911 123${serial}`,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
        birthday: '1980-05-17',
        notes: `${name} prefers the blue range`,
        preferences: { sizes: ['M'], brands: ['Levi'] },
        consents: [{ channel: 'email', granted: true, wording: 'Offers by email, at most weekly' }],
      },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.customer.id;
    serial += 1;
    const card = makeCardNumber(serial);
    expect(
      (await linkCard({ deps, actor: shop.actors.cashier, customerId: id, cardInput: card })).ok,
    ).toBe(true);
    const sale = await completeSale({
      deps,
      actor: shop.actors.cashier,
      input: {
        customer: { id },
        lines: [{ product: 'JEAN-32', quantity: 1 }],
        tenders: [{ kind: 'cash', received: 100_000 }],
        idempotencyKey: key(),
      },
    });
    if (!sale.ok) throw new Error(sale.message);
    const credit = await adjustStoreCredit({
      deps,
      actor: shop.actors.supervisor,
      customerId: id,
      input: { currency: 'GBP', amount: minor(1_250), reason: 'goodwill' },
      idempotencyKey: key(),
    });
    if (!credit.ok) throw new Error(credit.message);
    const bonus = await adjustPoints({
      deps,
      actor: shop.actors.supervisor,
      customerId: id,
      input: { points: points(300), reasonCode: 'service_recovery', reason: 'late delivery' },
      idempotencyKey: key(),
    });
    if (!bonus.ok) throw new Error(bonus.message);
    return { id, number: created.value.customer.number, card };
  };

  const erase = (customerId: string, extra: object = {}) =>
    eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: customerId },
      input: { reason: 'customer asked in writing', ...extra },
    });

  /** Everything a report or ledger check sees, to compare before and after. */
  const books = async () => ({
    sales: await deps.db
      .selectFrom('sales')
      .select(({ fn }) => [fn.sum<string>('total').as('total'), fn.countAll<string>().as('count')])
      .executeTakeFirstOrThrow(),
    credit: await selectStoreCreditMismatches(deps.db),
    giftCards: await selectGiftCardLedgerMismatches(deps.db),
  });

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
  });
  afterAll(async () => handle.close());

  it('refuses while store credit or points are held, and changes nothing', async () => {
    const ann = await fullCustomer('Annabel Quist');
    const refused = await erase(ann.id);
    expect(refused).toMatchObject({
      ok: false,
      code: 'money_owed',
      details: { owed: { storeCredit: [{ currency: 'GBP', amount: 1_250 }], points: 300 } },
    });
    const half = await erase(ann.id, { storeCredit: 'paid_out' });
    expect(half).toMatchObject({ ok: false, code: 'money_owed' });
    const view = await getCustomer(deps, ann.id);
    expect(view.ok && view.value).toMatchObject({
      status: 'active',
      name: 'Annabel Quist',
    });
    expect(await pointsOf(deps, ann.id)).toBe(300);
  });

  it('erases the person and keeps the books: sales, ledgers and totals unchanged', async () => {
    const bea = await fullCustomer('Beatrix Oldfield');
    const before = await books();
    const erased = await erase(bea.id, { storeCredit: 'paid_out', points: 'forfeited' });
    if (!erased.ok) throw new Error(erased.message);
    expect(erased.value).toMatchObject({
      number: bea.number,
      storeCredit: [{ currency: 'GBP', amount: 1_250, outcome: 'paid_out' }],
      pointsForfeited: 300,
      cardsRetired: 1,
      suppressed: { email: true, sms: true },
    });
    const after = await books();
    expect(after).toEqual(before);
    await expectPointsBalanced(deps);
    expect(await pointsOf(deps, bea.id)).toBe(0);

    const row = await deps.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', bea.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'erased', name: 'Erased customer', notes: null });
    expect(row.preferences).toEqual({ sizes: [], brands: [], interests: [] });
    const left = async (
      table:
        | 'customer_contacts'
        | 'customer_lookups'
        | 'customer_cards'
        | 'customer_name_terms'
        | 'customer_external_ids',
    ) =>
      (
        await deps.db
          .selectFrom(table)
          .select('customer_id')
          .where('customer_id', '=', bea.id)
          .execute()
      ).length;
    for (const table of [
      'customer_contacts',
      'customer_lookups',
      'customer_cards',
      'customer_name_terms',
      'customer_external_ids',
    ] as const)
      expect(await left(table), table).toBe(0);
    const words = await deps.db
      .selectFrom('name_terms')
      .select('term')
      .where('term', 'in', ['beatrix', 'oldfield'])
      .execute();
    expect(words).toEqual([]);
    expect(
      (await deps.db.selectFrom('sales').select('id').where('customer_id', '=', bea.id).execute())
        .length,
    ).toBe(1);

    const consents = await selectConsentRecords(deps.db, bea.id);
    expect(consents.map((c) => [c.channel, c.granted, c.wording])).toEqual([
      ['email', true, '(erased)'],
    ]);
    const changes = await selectCustomerChanges(deps.db, bea.id);
    expect(JSON.stringify(changes)).not.toMatch(/Beatrix|Oldfield|blue range|example\.org/);
    expect(changes[0]?.kind).toBe('erased');
    expect(
      await isMarketingSuppressed(
        deps.db,
        'email',
        deps.vault.blindIndex('email', 'beatrix@example.org'),
      ),
    ).toBe(true);

    const ledger = await deps.db
      .selectFrom('store_credit_entries')
      .innerJoin(
        'store_credit_accounts',
        'store_credit_accounts.id',
        'store_credit_entries.account_id',
      )
      .select(['kind', 'amount', 'reason'])
      .where('store_credit_accounts.customer_id', '=', bea.id)
      .orderBy('store_credit_entries.created_at')
      .execute();
    expect(ledger.at(-1)).toMatchObject({ kind: 'ADJUST_DECREMENT', amount: -1_250 });
    expect(ledger.at(-1)?.reason).toMatch(/paid out/);
    const audit = await deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', bea.id)
      .where('action', '=', 'customer.erased')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/Beatrix|example\.org/);
  });

  it('says "erased" for the number and the card, and never links the card again', async () => {
    const cyd = await fullCustomer('Cydney Marsh');
    expect((await erase(cyd.id, { storeCredit: 'forfeited', points: 'forfeited' })).ok).toBe(true);
    expect(await searchCustomers({ deps, query: cyd.number })).toEqual([]);
    expect(await searchedErasedCustomer(deps, cyd.number)).toBe(true);
    expect(await searchedErasedCustomer(deps, cyd.card)).toBe(true);
    expect(await searchCustomers({ deps, query: 'cydney' })).toEqual([]);
    expect(
      await resolveCustomerReference({ deps, reference: { number: cyd.number } }),
    ).toMatchObject({ ok: false, code: 'customer_erased' });
    expect(await resolveCustomerReference({ deps, reference: { card: cyd.card } })).toMatchObject({
      ok: false,
      code: 'customer_erased',
    });
    const other = await fullCustomer('Dora Penn');
    expect(
      await linkCard({
        deps,
        actor: shop.actors.cashier,
        customerId: other.id,
        cardInput: cyd.card,
      }),
    ).toMatchObject({ ok: false, code: 'card_retired' });
  });

  it('refuses erasing twice, a merged-away customer and a bad reason, changing nothing', async () => {
    const eve = await fullCustomer('Evelyn Hart');
    expect((await erase(eve.id, { storeCredit: 'forfeited', points: 'forfeited' })).ok).toBe(true);
    expect(await erase(eve.id, { storeCredit: 'forfeited', points: 'forfeited' })).toMatchObject({
      ok: false,
      code: 'customer_erased',
    });
    const fay = await fullCustomer('Fay Lomax');
    const gus = await fullCustomer('Gus Lomax');
    expect(
      (
        await mergeCustomers({
          deps,
          actor: shop.actors.supervisor,
          survivorId: fay.id,
          mergedId: gus.id,
        })
      ).ok,
    ).toBe(true);
    expect(await erase(gus.id, { storeCredit: 'forfeited', points: 'forfeited' })).toMatchObject({
      ok: false,
      code: 'customer_merged',
    });
    expect(await erase(fay.id, { reason: ' ' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field: 'reason',
    });
    expect(await erase('00000000-0000-0000-0000-000000000000')).toMatchObject({
      ok: false,
      code: 'customer_not_found',
    });
  });

  it('is one transaction: a failure in the middle leaves the customer as before', async () => {
    const hal = await fullCustomer('Hal Brodie');
    const failing = eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: hal.id },
      input: { reason: 'customer asked', storeCredit: 'paid_out', points: 'forfeited' },
      steps: [
        ...erasureSteps,
        async () => {
          throw new Error('power cut');
        },
      ],
    });
    await expect(failing).rejects.toThrow('power cut');
    const view = await getCustomer(deps, hal.id);
    expect(view.ok && view.value).toMatchObject({ status: 'active', name: 'Hal Brodie' });
    const contacts = await deps.db
      .selectFrom('customer_contacts')
      .select('customer_id')
      .where('customer_id', '=', hal.id)
      .execute();
    expect(contacts).toHaveLength(1);
    expect(await pointsOf(deps, hal.id)).toBe(300);
    expect(await searchCustomers({ deps, query: hal.card })).toHaveLength(1);
    expect(
      await isMarketingSuppressed(
        deps.db,
        'email',
        deps.vault.blindIndex('email', 'hal@example.org'),
      ),
    ).toBe(false);
  });

  it('closes the open erasure request in the register', async () => {
    const ida = await fullCustomer('Ida Crane');
    const opened = await openRightsRequest({
      deps,
      actor: shop.actors.supervisor,
      customerId: ida.id,
      input: {
        kind: 'erasure',
        requestedBy: 'Ida Crane, by letter',
        note: 'letter of 28 Nov',
        idempotencyKey: key(),
      },
    });
    if (!opened.ok) throw new Error(opened.message);
    const erased = await erase(ida.id, { storeCredit: 'forfeited', points: 'forfeited' });
    expect(erased.ok && erased.value.requestsClosed).toBe(1);
    const request = await deps.db
      .selectFrom('rights_requests')
      .selectAll()
      .where('id', '=', opened.value.id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      requested_by: '(erased)',
      note: null,
      outcome: 'Customer erased',
    });
    expect(request.done_at).not.toBeNull();
  });
});
