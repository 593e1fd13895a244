import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { seededRandom } from '../../domain/insights/random-for-tests.ts';
import { recomputeInsights } from './insights-recompute.ts';

/**
 * Enough history for the model: 700 customers over 18 months, written straight into the
 * tables (the till would take minutes), drawn as the model assumes (seeded, so the same
 * every run): each buys at a rate of their own (gamma across customers, every ~40 days
 * on average), spends around a mean of their own (gamma per visit) and after each visit
 * stops for good with a chance of their own (beta).
 */
function simulatedVisits(): { n: number; day: number; amount: number }[] {
  const random = seededRandom(13);
  const visits: { n: number; day: number; amount: number }[] = [];
  for (let n = 1; n <= 700; n += 1) {
    const rate = random.gamma(0.8, 32);
    const stop = random.beta(1, 5);
    const meanSpend = 1500 + random.gamma(4, 0.002);
    let day = Math.floor(random.uniform() * 360);
    while (day < 540) {
      visits.push({ n, day, amount: Math.max(1, Math.round(random.gamma(6, 6 / meanSpend))) });
      if (random.uniform() < stop) break;
      day += Math.max(1, Math.round(random.exponential(rate)));
    }
  }
  return visits;
}

/** Every customer on a fixed clockwork rhythm: nothing like the model's assumptions. */
function clockworkVisits(): { n: number; day: number; amount: number }[] {
  const visits: { n: number; day: number; amount: number }[] = [];
  for (let n = 1; n <= 700; n += 1)
    for (let k = 0; k < 1 + ((n * 7) % 11) * (1 + (n % 3)); k += 1) {
      const day = ((n * 37) % 250) + k * (5 + ((n * 13) % 40));
      if (day < 540) visits.push({ n, day, amount: 2000 });
    }
  return visits;
}

async function seedHistory(
  deps: ServiceDeps,
  outletId: string,
  visits: { n: number; day: number; amount: number }[],
): Promise<void> {
  await sql`
    INSERT INTO customers (id, number, name, search_name, created_at, updated_at)
    SELECT gen_random_uuid(), 'M' || lpad(g::text, 6, '0'), 'Model ' || g, 'model ' || g,
      '2025-01-01', '2025-01-01'
    FROM generate_series(1, 700) g
  `.execute(deps.db);
  for (let start = 0; start < visits.length; start += 1000) {
    const values = visits
      .slice(start, start + 1000)
      .map(
        (visit, i) =>
          sql`(${visit.n}::int, ${visit.day}::int, ${visit.amount}::bigint, ${start + i}::int)`,
      );
    await sql`
      INSERT INTO sales (id, kind, number, outlet_id, customer_id, currency, pricing_mode,
        subtotal, discount_total, tax_total, total, source, completed_at)
      SELECT gen_random_uuid(), 'sale', 'M-' || v.seq, ${outletId}, c.id, 'GBP',
        'tax_inclusive', v.amount, 0, 0, v.amount, 'import',
        timestamptz '2025-06-01 12:00Z' + v.day * interval '1 day'
      FROM (VALUES ${sql.join(values)}) AS v(n, day, amount, seq)
      JOIN customers c ON c.number = 'M' || lpad(v.n::text, 6, '0')
    `.execute(deps.db);
  }
}

describe.each(testDatabases())('insights by the model on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  const clock = { now: new Date('2026-12-01T03:00:00Z') };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
    shop = await createTestShop(deps);
    await seedHistory(deps, shop.outletId, simulatedVisits());
  });
  afterAll(() => handle.close());

  it('fits the model with enough customers and history, and writes only finite scores', async () => {
    const run = await recomputeInsights(deps);
    expect(run.fallbackReason).toBeNull();
    expect(run).toMatchObject({ method: 'model', converged: true, customers: 700 });
    expect(Object.values(run.params!).every((value) => Number.isFinite(value) && value > 0)).toBe(
      true,
    );
    const rows = await deps.db.selectFrom('customer_insights').selectAll().execute();
    expect(rows).toHaveLength(700);
    for (const row of rows) {
      expect(row.method).toBe('model');
      expect(row.p_alive).toBeGreaterThanOrEqual(0);
      expect(row.p_alive).toBeLessThanOrEqual(1);
      expect(Number.isFinite(row.expected_365)).toBe(true);
      expect(row.expected_365!).toBeGreaterThanOrEqual(row.expected_90!);
      expect(Number.isFinite(Number(row.value_12m))).toBe(true);
    }
    // One-time buyers are not all certainly active (MBG/NBD): the long-gone read lower.
    const once = rows.filter((row) => row.visit_days === 1).map((row) => row.p_alive!);
    expect(once.length).toBeGreaterThan(0);
    expect(Math.min(...once)).toBeLessThan(0.9);
    // Someone who stopped long ago after a steady rhythm reads as lapsed.
    expect(rows.some((row) => row.lapsed)).toBe(true);
    expect(rows.some((row) => !row.lapsed)).toBe(true);
  });

  it('changes nothing when run again on the same day', async () => {
    const read = () =>
      deps.db.selectFrom('customer_insights').selectAll().orderBy('customer_id').execute();
    const before = await read();
    await recomputeInsights(deps);
    expect(await read()).toEqual(before);
  });
});

describe.each(testDatabases())('a model that forecasts nothing, on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => new Date('2026-12-01T03:00:00Z') });
    const shop = await createTestShop(deps);
    await seedHistory(deps, shop.outletId, clockworkVisits());
  });
  afterAll(() => handle.close());

  it('falls back to the rule, says why, and writes no empty model scores', async () => {
    const run = await recomputeInsights(deps);
    expect(run.method).toBe('rule');
    expect(run.fallbackReason).toMatch(/no finite forecast|did not converge|unusable/);
    const rows = await deps.db.selectFrom('customer_insights').select('method').execute();
    expect(rows).toHaveLength(700);
    expect(rows.every((row) => row.method === 'rule')).toBe(true);
    const stored = await deps.db.selectFrom('insight_runs').selectAll().executeTakeFirstOrThrow();
    expect(stored.fallback_reason).toBe(run.fallbackReason);
  });
});
