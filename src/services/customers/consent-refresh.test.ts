import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { selectConsentWordings } from '../../store/consent-wordings.ts';
import { selectConsentRecords } from '../../store/consents.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { insertOutlet } from '../../store/outlets.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { updateShopSettings } from '../shop/settings.ts';
import { listStaleConsents, staleConsentCustomerIds } from './consent-refresh.ts';
import { setCurrentConsentWording } from './consent-wordings.ts';
import { recordConsent } from './consents.ts';
import { eraseCustomer } from './customer-erasure.ts';
import { createCustomer, getCustomer } from './customers.ts';

const v1 = 'I agree to offers by email.';
const v2 = 'I agree to offers by email, at most weekly.';

describe.each(testDatabases())('consent refresh on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2024-01-10T10:00:00Z') };
  const ids: Record<string, string> = {};

  const create = async (name: string, wording: string) => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name, consents: [{ channel: 'email', granted: true, wording }] },
    });
    if (!created.ok) throw new Error(created.message);
    ids[name] = created.value.customer.id;
    return created.value.customer.id;
  };
  const record = async (name: string, granted: boolean, wording: string) => {
    const recorded = await recordConsent({
      deps,
      actor: shop.actors.cashier,
      customerId: ids[name]!,
      input: { channel: 'email', granted, wording },
    });
    if (!recorded.ok) throw new Error(recorded.message);
  };
  const refreshOf = async (name: string) => {
    const customer = await getCustomer(deps, ids[name]!);
    if (!customer.ok) throw new Error(customer.message);
    return customer.value.consentRefresh;
  };
  const staleNames = async (outletId?: string) => {
    const names: string[] = [];
    let after;
    for (;;) {
      const page = await listStaleConsents(deps, { outletId, after, limit: 1 });
      names.push(...page.items.map((item) => `${item.customerName}: ${item.reasons.join(' ')}`));
      if (!page.next) return names.sort();
      after = page.next;
    }
  };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    // Ann: consent two years and more before the end of this test.
    await create('Ann Old', v1);
    clock.now = new Date('2026-06-01T10:00:00Z');
    await create('Ben Recent', v1);
    await create('Cat Withdrawn', v1);
    await record('Cat Withdrawn', false, 'I no longer want offers by email.');
    clock.now = new Date('2026-12-01T10:00:00Z');
  });
  afterAll(() => handle.close());

  it('stores each text once, versioned; the first consent text becomes current', async () => {
    const wordings = await selectConsentWordings(deps.db);
    expect(wordings.map((w) => [w.channel, w.version, w.text, w.current])).toEqual([
      ['email', 2, 'I no longer want offers by email.', false],
      ['email', 1, v1, true],
    ]);
    const records = await selectConsentRecords(deps.db, ids['Ben Recent']!);
    expect(records.map((r) => r.wording)).toEqual([v1]);
    const linked = await deps.db
      .selectFrom('consent_records')
      .select('wording_id')
      .where('customer_id', '=', ids['Ben Recent']!)
      .execute();
    expect(linked).toEqual([{ wording_id: wordings[1]!.id }]);
  });

  it('finds consent older than the setting; withdrawals never go stale', async () => {
    expect(await refreshOf('Ann Old')).toEqual([
      { channel: 'email', reasons: ['older_than_24_months'] },
    ]);
    expect(await refreshOf('Ben Recent')).toEqual([]);
    expect(await refreshOf('Cat Withdrawn')).toEqual([]);
    expect(await staleNames()).toEqual(['Ann Old: older_than_24_months']);
    const shorter = await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { consentMaxAgeMonths: 3 },
    });
    expect(shorter.ok).toBe(true);
    expect(await staleNames()).toEqual([
      'Ann Old: older_than_3_months',
      'Ben Recent: older_than_3_months',
    ]);
    await updateShopSettings({
      db: deps.db,
      actor: shop.actors.admin,
      changes: { consentMaxAgeMonths: 24 },
    });
  });

  it('makes consent under a replaced wording stale, until given again in the new one', async () => {
    const changed = await setCurrentConsentWording({
      deps,
      actor: shop.actors.admin,
      channel: 'email',
      text: `  ${v2} `,
    });
    expect(changed.ok && [changed.value.version, changed.value.current]).toEqual([3, true]);
    expect(await refreshOf('Ben Recent')).toEqual([
      { channel: 'email', reasons: ['outdated_wording'] },
    ]);
    expect(await staleNames()).toEqual([
      'Ann Old: older_than_24_months outdated_wording',
      'Ben Recent: outdated_wording',
    ]);

    await record('Ben Recent', true, v2);
    expect(await refreshOf('Ben Recent')).toEqual([]);
    await record('Ann Old', false, v2);
    expect(await staleNames()).toEqual([]);
  });

  it('goes back to an earlier text without a new version', async () => {
    const back = await setCurrentConsentWording({
      deps,
      actor: shop.actors.admin,
      channel: 'email',
      text: v1,
    });
    expect(back.ok && back.value.version).toBe(1);
    const current = (await selectConsentWordings(deps.db)).filter((w) => w.current);
    expect(current.map((w) => w.version)).toEqual([1]);
    expect(await staleNames()).toEqual(['Ben Recent: outdated_wording']);
    const blank = await setCurrentConsentWording({
      deps,
      actor: shop.actors.admin,
      channel: 'email',
      text: '  ',
    });
    expect(blank).toMatchObject({ ok: false, code: 'validation_failed', field: 'text' });
  });

  it('pages the customer ids a re-permission campaign targets, and filters by outlet', async () => {
    for (const name of ['Dan', 'Eve', 'Fay']) await create(name, v2);
    const found: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await staleConsentCustomerIds(deps, {
        limit: 2,
        ...(after ? { afterCustomerId: after } : {}),
      });
      found.push(...page);
      if (page.length < 2) break;
      after = page.at(-1);
    }
    const expected = ['Ben Recent', 'Dan', 'Eve', 'Fay'].map((name) => ids[name]!).sort();
    expect(found).toEqual(expected);
    expect(await staleConsentCustomerIds(deps, { channel: 'sms', limit: 10 })).toEqual([]);

    expect(await staleNames(shop.outletId)).toHaveLength(4);
    const elsewhere = await insertOutlet(deps.db, {
      code: 'OTH',
      name: 'Other',
      currency: 'GBP',
      timeZone: 'Europe/London',
      settings: {},
    });
    expect(await staleNames(elsewhere)).toEqual([]);
  });

  it('leaves erased customers out, their records reduced with no wording link', async () => {
    const erased = await eraseCustomer({
      deps,
      actor: shop.actors.admin,
      customer: { id: ids['Dan']! },
      input: { reason: 'customer asked in writing' },
    });
    expect(erased.ok).toBe(true);
    const rows = await deps.db
      .selectFrom('consent_records')
      .select(['wording', 'wording_id', 'source'])
      .where('customer_id', '=', ids['Dan']!)
      .execute();
    expect(rows).toEqual([{ wording: '(erased)', wording_id: null, source: 'erased' }]);
    expect(await staleNames()).not.toContainEqual(expect.stringMatching(/^Dan/));
    expect(await staleConsentCustomerIds(deps, { limit: 10 })).not.toContain(ids['Dan']);
  });
});
