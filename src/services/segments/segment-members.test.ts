import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestCatalogue } from '../../../test/support/catalogue.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { key } from '../../../test/support/stored-value.ts';
import type { SegmentDefinition } from '../../domain/insights/segments.ts';
import { criteriaOfListDefinition } from '../../domain/segments/legacy-definitions.ts';
import type { SegmentCriteria } from '../../domain/segments/segment-criteria.ts';
import { minor } from '../../domain/units.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { insertOutlet } from '../../store/outlets.ts';
import { countSegment, previewSegment, segmentCustomerIds } from '../../store/segment-members.ts';
import { recordConsent } from '../customers/consents.ts';
import { eraseCustomer } from '../customers/customer-erasure.ts';
import { saveGroup, setGroupMembership } from '../customers/customer-groups.ts';
import { mergeCustomers } from '../customers/customer-merge.ts';
import { createCustomer } from '../customers/customers.ts';
import { setProfilingObjection } from '../customers/profiling-objection.ts';
import { evaluateSegment } from '../insights/insights-lists.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { returnItems } from '../sales/returns.ts';
import { completeSale } from '../sales/sales.ts';
import { segmentQuery } from './segment-query.ts';

type Insight = {
  segment: string;
  lapsed: boolean;
  percentile: number;
  spend: number;
  visits: number;
  last: string;
  home: string | null;
};

describe.each(testDatabases())('segment members on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let otherOutlet: string;
  let vip: string;
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const ids: Record<string, string> = {};
  const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  const create = async (name: string, birthday?: string) => {
    const created = await createCustomer({
      deps,
      actor: shop.actors.cashier,
      input: { name, ...(birthday ? { birthday } : {}) },
    });
    ids[name] = must(created).customer.id;
  };
  const insight = (name: string, v: Insight) =>
    deps.db
      .insertInto('customer_insights')
      .values({
        customer_id: ids[name]!,
        computed_at: clock.now,
        model_version: 'test',
        method: 'rule',
        visit_days: Math.max(v.visits, 1),
        first_purchase_on: '2025-01-01',
        last_purchase_on: v.last,
        p_alive: null,
        expected_90: null,
        expected_365: null,
        value_12m: null,
        typical_gap_days: null,
        next_due_on: null,
        value_at_risk: 0,
        lapsed: v.lapsed,
        r_score: 3,
        f_score: 3,
        m_score: 3,
        segment: v.segment,
        value_percentile: v.percentile,
        spend_12m: v.spend,
        visits_12m: v.visits,
        home_outlet_id: v.home,
      })
      .execute();
  const consent = async (name: string, granted: boolean) => {
    clock.now = new Date(clock.now.getTime() + 60_000);
    must(
      await recordConsent({
        deps,
        actor: shop.actors.cashier,
        customerId: ids[name]!,
        input: { channel: 'email', granted, wording: 'Offers by email' },
      }),
    );
  };
  const buy = async (name: string, product: string) =>
    must(
      await completeSale({
        deps,
        actor: shop.actors.cashier,
        input: {
          customer: { id: ids[name]! },
          lines: [{ product, quantity: 1 }],
          tenders: [{ kind: 'cash', received: 100_000 }],
          idempotencyKey: key(),
        },
      }),
    );
  const namesOf = async (criteria: SegmentCriteria) => {
    const query = await segmentQuery(deps, criteria);
    const rows = await previewSegment(deps.db, query, { limit: 100, offset: 0 });
    expect(await countSegment(deps.db, query)).toBe(rows.length);
    return rows.map((row) => row.name);
  };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await createTestCatalogue(deps.db);
    otherOutlet = await insertOutlet(deps.db, {
      code: 'TWO',
      name: 'Second Outlet',
      currency: 'GBP',
      timeZone: 'Europe/London',
      settings: {},
    });
    vip = must(
      await saveGroup({
        deps,
        actor: shop.actors.admin,
        input: { name: 'VIP', kind: 'manual', rule: null, discountBp: 0, earnMultiplierBp: 10_000 },
      }),
    ).id;
    for (const name of ['Ann', 'Ben', 'Eve', 'Mo']) await create(name);
    await create('Cat', '1990-12-04');
    await create('Otto', '1980-12-03');
    const home = { home: otherOutlet };
    await insight('Ann', {
      segment: 'Champions',
      lapsed: false,
      percentile: 95,
      spend: 50_000,
      visits: 6,
      last: '2026-11-20',
      ...home,
    });
    await insight('Ben', {
      segment: 'At Risk',
      lapsed: true,
      percentile: 40,
      spend: 8_000,
      visits: 1,
      last: '2026-03-01',
      home: null,
    });
    await insight('Otto', {
      segment: 'Champions',
      lapsed: false,
      percentile: 99,
      spend: 90_000,
      visits: 9,
      last: '2026-11-30',
      ...home,
    });
    await insight('Eve', {
      segment: 'Champions',
      lapsed: false,
      percentile: 98,
      spend: 70_000,
      visits: 7,
      last: '2026-11-29',
      ...home,
    });
    for (const name of ['Ann', 'Cat', 'Otto', 'Eve', 'Mo']) {
      must(
        await setGroupMembership({
          deps,
          actor: shop.actors.admin,
          groupId: vip,
          customerId: ids[name]!,
          member: true,
        }),
      );
    }
    await consent('Ann', true);
    await consent('Ben', true);
    await consent('Otto', true);
    await consent('Eve', true);
    await consent('Ben', false);
    await buy('Ann', 'JEAN-32');
    await buy('Otto', 'JEAN-32');
    await buy('Ben', 'TEE-M-BLK');
    await buy('Eve', 'JEAN-32');
    // Ben brings his socks back: bought, but not kept.
    const socks = await buy('Ben', 'SOCK-3');
    must(
      await returnItems({
        deps,
        actor: shop.actors.cashier,
        input: {
          lines: [{ saleLineId: socks.lines[0]!.id, quantity: 1 }],
          withReceipt: true,
          reason: 'Wrong size',
          idempotencyKey: key(),
        },
      }),
    );
    must(
      await setProfilingObjection({
        deps,
        actor: shop.actors.cashier,
        customerId: ids.Otto!,
        objects: true,
      }),
    );
    must(
      await eraseCustomer({
        deps,
        actor: shop.actors.admin,
        customer: { id: ids.Eve! },
        input: { reason: 'asked in writing' },
      }),
    );
    must(
      await mergeCustomers({
        deps,
        actor: shop.actors.supervisor,
        survivorId: ids.Cat!,
        mergedId: ids.Mo!,
      }),
    );
  });
  afterAll(() => handle.close());

  it('holds every active customer with no criteria, never the erased or merged away', async () => {
    expect(await namesOf({})).toEqual(['Ann', 'Ben', 'Cat', 'Otto']);
  });

  it('evaluates each criterion on its own', async () => {
    const cases: [SegmentCriteria, string[]][] = [
      [{ groupId: vip }, ['Ann', 'Cat', 'Otto']],
      [{ rfmSegment: 'Champions' }, ['Ann']],
      [{ rfmSegment: 'At Risk' }, ['Ben']],
      [{ lapsed: true }, ['Ben']],
      [{ lapsed: false }, ['Ann']],
      [{ birthdayDays: 4 }, ['Cat']],
      [{ birthdayDays: 3 }, []],
      [{ topPercent: 5 }, ['Ann']],
      [{ topPercent: 100 }, ['Ann', 'Ben']],
      [{ spendMin: minor(8_000) }, ['Ann', 'Ben']],
      [{ spendMin: minor(8_001) }, ['Ann']],
      [{ spendMax: minor(8_000) }, ['Ben']],
      [{ visitsMin: 2, visitsMax: 6 }, ['Ann']],
      [{ visitsMax: 1 }, ['Ben']],
      [{ lastVisitBefore: '2026-03-02' }, ['Ben']],
      [{ lastVisitBefore: '2026-03-01' }, []],
      [{ lastVisitAfter: '2026-03-01' }, ['Ann']],
      [{ lastVisitWithinDays: 12 }, ['Ann']],
      [{ lastVisitWithinDays: 11 }, []],
      [{ outletId: otherOutlet }, ['Ann']],
      [{ boughtCategory: 'DENIM' }, ['Ann']],
      [{ boughtBrand: 'harbour' }, ['Ben']],
      [{ boughtBrand: 'Nobody' }, []],
      [{ boughtCategory: 'accessories' }, []],
      [{ emailConsent: 'granted' }, ['Ann', 'Otto']],
      [{ emailConsent: 'withdrawn' }, ['Ben']],
      [{ emailConsent: 'none' }, ['Cat']],
    ];
    for (const [criteria, names] of cases) {
      expect({ criteria, names: await namesOf(criteria) }).toEqual({ criteria, names });
    }
  });

  it('combines criteria with AND', async () => {
    expect(await namesOf({ groupId: vip, emailConsent: 'granted' })).toEqual(['Ann', 'Otto']);
    expect(await namesOf({ groupId: vip, emailConsent: 'granted', spendMin: minor(0) })).toEqual([
      'Ann',
    ]);
    expect(await namesOf({ boughtCategory: 'denim', lapsed: true })).toEqual([]);
    expect(await namesOf({ emailConsent: 'granted', outletId: shop.outletId })).toEqual(['Otto']);
  });

  it('leaves an objector out of every profiling criterion, not of the others', async () => {
    // Otto is a Champion at the top, bought denim, with a birthday in 2 days: all hidden.
    expect(await namesOf({ boughtBrand: "Levi's" })).toEqual(['Ann']);
    expect(await namesOf({ birthdayDays: 7 })).toEqual(['Cat']);
    expect(await namesOf({ topPercent: 1 })).toEqual([]);
    // Group, sign-up outlet and consent are not profiling: Otto stays.
    expect(await namesOf({ groupId: vip, outletId: shop.outletId })).toEqual(['Cat', 'Otto']);
  });

  it('hands the campaign sender every member once, by id, a page at a time', async () => {
    const query = await segmentQuery(deps, {});
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: string[] = await segmentCustomerIds(deps.db, query, { after, limit: 3 });
      seen.push(...page);
      if (page.length < 3) break;
      after = page[page.length - 1]!;
    }
    const expected = ['Ann', 'Ben', 'Cat', 'Otto'].map((name) => ids[name]!).sort();
    expect(seen).toEqual(expected);
  });

  it('reads every Insights list definition as the same customers it lists', async () => {
    const definitions: SegmentDefinition[] = [
      { list: 'lapsed', outletId: null },
      { list: 'birthdays', days: 7, outletId: null },
      { list: 'birthdays', days: 4, outletId: shop.outletId },
      { list: 'top', by: 'frequency', outletId: null },
      { list: 'top', by: 'value', outletId: otherOutlet },
      { list: 'segment', segment: 'Champions', outletId: null },
      { list: 'segment', segment: 'At Risk', outletId: otherOutlet },
    ];
    for (const definition of definitions) {
      const listed = must(await evaluateSegment(deps, definition, { page: 1, pageSize: 100 }));
      const listedIds = listed.items.map((item) => item.customerId).sort();
      const query = await segmentQuery(deps, criteriaOfListDefinition(definition));
      const members = await segmentCustomerIds(deps.db, query, { after: null, limit: 100 });
      expect({ definition, members }).toEqual({ definition, members: listedIds });
      expect(await countSegment(deps.db, query)).toBe(listed.total);
    }
  });
});
