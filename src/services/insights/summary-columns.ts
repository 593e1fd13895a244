import type { PurchaseSummaryRow } from '../../store/insight-summaries.ts';

/**
 * Every scored customer's purchase summary, held column by column. A recompute keeps a
 * million of them in memory between reading and writing (RFM and percentiles rank each
 * customer against all the others); as one object per customer with date strings that
 * came to about a gigabyte, as columns of numbers it is about 150 MB. Dates are held as
 * days since 1970-01-01 and the home outlet as an index into the few outlets.
 */
export type SummaryColumns = {
  readonly length: number;
  push(row: PurchaseSummaryRow): void;
  /** The row at `index`, rebuilt as the store gave it. */
  row(index: number): PurchaseSummaryRow;
  /** The figures of `index` the ranking and the model need, without building the row. */
  figures(index: number): SummaryFigures;
};

/** Dates as day numbers (days since 1970-01-01). */
export type SummaryFigures = {
  visitDays: number;
  firstDay: number;
  lastDay: number;
  netSpend: number;
  firstDayNet: number;
  spend12m: number;
};

const msPerDay = 86_400_000;
export const toDayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / msPerDay;
const fromDayNumber = (day: number) => new Date(day * msPerDay).toISOString().slice(0, 10);

export function createSummaryColumns(): SummaryColumns {
  const customerIds: string[] = [];
  const visitDays: number[] = [];
  const firstDay: number[] = [];
  const lastDay: number[] = [];
  const netSpend: number[] = [];
  const firstDayNet: number[] = [];
  const visitsInRuleWindow: number[] = [];
  const visits12m: number[] = [];
  const spend12m: number[] = [];
  const outletIndex: number[] = [];
  const outlets: (string | null)[] = [];
  const outletIndexes = new Map<string | null, number>();
  return {
    get length() {
      return customerIds.length;
    },
    push(row) {
      customerIds.push(row.customerId);
      visitDays.push(row.visitDays);
      firstDay.push(toDayNumber(row.firstOn));
      lastDay.push(toDayNumber(row.lastOn));
      netSpend.push(row.netSpend);
      firstDayNet.push(row.firstDayNet);
      visitsInRuleWindow.push(row.visitsInRuleWindow);
      visits12m.push(row.visits12m);
      spend12m.push(row.spend12m);
      let outlet = outletIndexes.get(row.homeOutletId);
      if (outlet === undefined) {
        outlet = outlets.push(row.homeOutletId) - 1;
        outletIndexes.set(row.homeOutletId, outlet);
      }
      outletIndex.push(outlet);
    },
    figures(index) {
      return {
        visitDays: visitDays[index]!,
        firstDay: firstDay[index]!,
        lastDay: lastDay[index]!,
        netSpend: netSpend[index]!,
        firstDayNet: firstDayNet[index]!,
        spend12m: spend12m[index]!,
      };
    },
    row(index) {
      return {
        customerId: customerIds[index]!,
        visitDays: visitDays[index]!,
        firstOn: fromDayNumber(firstDay[index]!),
        lastOn: fromDayNumber(lastDay[index]!),
        netSpend: netSpend[index]!,
        firstDayNet: firstDayNet[index]!,
        visitsInRuleWindow: visitsInRuleWindow[index]!,
        visits12m: visits12m[index]!,
        spend12m: spend12m[index]!,
        homeOutletId: outlets[outletIndex[index]!]!,
      };
    },
  };
}
