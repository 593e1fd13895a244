import { monthDaysAhead } from '../../domain/insights/birthdays.ts';
import { addDays } from '../../domain/insights/lapse-rule.ts';
import type { SegmentDefinition, TopOrder } from '../../domain/insights/segments.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { selectBirthdaysOn, type BirthdayRow } from '../../store/birthday-lookups.ts';
import {
  selectLapsed,
  selectRfmCounts,
  selectSegmentMembers,
  selectTop,
  selectValueBuckets,
  selectVisitsPerWeek,
  type InsightListRow,
} from '../../store/insight-lists.ts';
import { selectLatestInsightRun } from '../../store/insights.ts';
import { findOutlet } from '../../store/outlets.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';

export type Paging = { page: number; pageSize: number };
export type ListPage<T> = { items: T[]; total: number; page: number; pageSize: number };

const summaryWeeks = 26;

async function checkOutlet(deps: ServiceDeps, outletId: string | null): Promise<Result<null>> {
  if (outletId === null || (await findOutlet(deps.db, outletId))) return ok(null);
  return fail('outlet_not_found', `No outlet with id ${outletId}`, { field: 'outletId' });
}

const toPage = <T>(paging: Paging, found: { rows: T[]; total: number }): ListPage<T> => ({
  items: found.rows,
  total: found.total,
  page: paging.page,
  pageSize: paging.pageSize,
});

const pageOf = (paging: Paging) => ({
  limit: paging.pageSize,
  offset: (paging.page - 1) * paging.pageSize,
});

/** Monday of the week `weeksBack` weeks before the one holding `today`. */
function mondayWeeksBack(today: string, weeksBack: number): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday - 7 * weeksBack);
}

/**
 * The Insights page's header and charts: which method is in use and why, when and with
 * which parameters it ran, the RFM grid, segment sizes, the value distribution and
 * visits per week over the last 26 weeks.
 */
export async function insightsSummary(
  deps: ServiceDeps,
  { outletId }: { outletId: string | null },
) {
  const outlet = await checkOutlet(deps, outletId);
  if (!outlet.ok) return outlet;
  const today = deps.now().toISOString().slice(0, 10);
  const [run, rfm, value, visits] = await Promise.all([
    selectLatestInsightRun(deps.db),
    selectRfmCounts(deps.db, outletId),
    selectValueBuckets(deps.db, outletId),
    selectVisitsPerWeek(deps.db, {
      since: mondayWeeksBack(today, summaryWeeks - 1),
      outletId,
    }),
  ]);
  return ok({
    run: run && {
      at: run.startedAt.toISOString(),
      method: run.method,
      modelVersion: run.modelVersion,
      fallbackReason: run.fallbackReason,
      converged: run.converged,
      params: run.params,
      customers: run.customers,
      customersWithPurchase: run.customersWithPurchase,
      historyDays: run.historyDays,
      durationMs: run.durationMs,
    },
    rfmGrid: rfm.grid,
    segments: rfm.segments,
    valueBuckets: value,
    visitsPerWeek: weeksFilled(mondayWeeksBack(today, summaryWeeks - 1), visits),
  });
}

/** Every one of the 26 weeks, with 0 where nobody came. */
function weeksFilled(first: string, visits: { week: string; visits: number }[]) {
  return Array.from({ length: summaryWeeks }, (_, i) => {
    const week = addDays(first, 7 * i);
    return { week, visits: visits.find((entry) => entry.week === week)?.visits ?? 0 };
  });
}

/** Lapsed customers by value at risk (see services/insights/insight-scoring.ts). */
export async function lapsedCustomers(
  deps: ServiceDeps,
  input: Paging & { outletId: string | null },
): Promise<Result<ListPage<InsightListRow>>> {
  const outlet = await checkOutlet(deps, input.outletId);
  if (!outlet.ok) return outlet;
  return ok(toPage(input, await selectLapsed(deps.db, { ...input, page: pageOf(input) })));
}

export async function topCustomers(
  deps: ServiceDeps,
  input: Paging & { outletId: string | null; by: TopOrder },
): Promise<Result<ListPage<InsightListRow>>> {
  const outlet = await checkOutlet(deps, input.outletId);
  if (!outlet.ok) return outlet;
  return ok(toPage(input, await selectTop(deps.db, { ...input, page: pageOf(input) })));
}

export async function segmentCustomers(
  deps: ServiceDeps,
  input: Paging & { outletId: string | null; segment: string },
): Promise<Result<ListPage<InsightListRow>>> {
  const outlet = await checkOutlet(deps, input.outletId);
  if (!outlet.ok) return outlet;
  return ok(toPage(input, await selectSegmentMembers(deps.db, { ...input, page: pageOf(input) })));
}

/**
 * Customers whose birthday falls in the next `days` days (today included; the shop's
 * birthdayDays setting when not given): the month-days of the window are hashed as the
 * index was, and looked up in one query. No birth date is read or written in clear.
 */
export async function upcomingBirthdays(
  deps: ServiceDeps,
  input: Paging & { outletId: string | null; days?: number },
): Promise<Result<ListPage<BirthdayRow> & { days: number }>> {
  const outlet = await checkOutlet(deps, input.outletId);
  if (!outlet.ok) return outlet;
  const days = input.days ?? (await birthdayWindowDays(deps));
  const today = deps.now().toISOString().slice(0, 10);
  const window = monthDaysAhead(today, days).map((day) => ({
    digest: deps.vault.blindIndex('birthday_md', day.monthDay),
    on: day.on,
  }));
  const found = await selectBirthdaysOn(deps.db, {
    days: window,
    outletId: input.outletId,
    ...pageOf(input),
  });
  return ok({ ...toPage(input, found), days });
}

/** The shop's "birthdays in the next N days" setting. */
export async function birthdayWindowDays(deps: ServiceDeps): Promise<number> {
  return (await getShopSettings(deps.db)).birthdayDays;
}

/** A saved segment's members now: its definition is the filter of one of the lists. */
export type SegmentPage = ListPage<InsightListRow> | (ListPage<BirthdayRow> & { days: number });

export async function evaluateSegment(
  deps: ServiceDeps,
  definition: SegmentDefinition,
  paging: Paging,
): Promise<Result<SegmentPage>> {
  switch (definition.list) {
    case 'lapsed':
      return lapsedCustomers(deps, { ...paging, outletId: definition.outletId });
    case 'birthdays':
      return upcomingBirthdays(deps, {
        ...paging,
        outletId: definition.outletId,
        days: definition.days,
      });
    case 'top':
      return topCustomers(deps, {
        ...paging,
        outletId: definition.outletId,
        by: definition.by,
      });
    case 'segment':
      return segmentCustomers(deps, {
        ...paging,
        outletId: definition.outletId,
        segment: definition.segment,
      });
  }
}
