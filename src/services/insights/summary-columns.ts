import type { PurchaseSummaryRow } from '../../store/insight-summaries.ts';

/**
 * Every scored customer's purchase summary, held column by column. A recompute keeps a
 * million of them in memory between reading and writing (RFM and percentiles rank each
 * customer against all the others); as one object per customer with date strings that
 * came to about a gigabyte, and even as arrays of JS numbers and id strings to 240 MB.
 * Here each column is a typed array (counts and day numbers in 4 bytes, money in 8, the
 * id's 16 bytes in one buffer, the home outlet as an index into the few outlets): about
 * 60 MB, which also halves what the garbage collector lets the heap grow to.
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

/** A typed array that doubles when full. */
function growable<T extends Int32Array | Float64Array | Uint16Array>(make: (length: number) => T) {
  let values = make(1024);
  return {
    get: (index: number) => values[index]!,
    set(index: number, value: number) {
      if (index >= values.length) {
        const larger = make(values.length * 2);
        larger.set(values);
        values = larger;
      }
      values[index] = value;
    },
  };
}

/** Customer ids (UUIDs) as 16 bytes each in one buffer that doubles when full. */
function uuidColumn() {
  let bytes = Buffer.alloc(16 * 1024);
  return {
    set(index: number, id: string) {
      if ((index + 1) * 16 > bytes.length) {
        const larger = Buffer.alloc(bytes.length * 2);
        bytes.copy(larger);
        bytes = larger;
      }
      const hex = id.replaceAll('-', '');
      if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${id}`);
      bytes.write(hex, index * 16, 16, 'hex');
    },
    get(index: number): string {
      const hex = bytes.toString('hex', index * 16, index * 16 + 16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

export function createSummaryColumns(): SummaryColumns {
  const customerIds = uuidColumn();
  const ints = () => growable((length) => new Int32Array(length));
  const money = () => growable((length) => new Float64Array(length));
  const visitDays = ints();
  const firstDay = ints();
  const lastDay = ints();
  const visitsInRuleWindow = ints();
  const visits12m = ints();
  const netSpend = money();
  const firstDayNet = money();
  const spend12m = money();
  const outletIndex = growable((length) => new Uint16Array(length));
  const outlets: (string | null)[] = [];
  const outletIndexes = new Map<string | null, number>();
  let length = 0;
  return {
    get length() {
      return length;
    },
    push(row) {
      const i = length;
      customerIds.set(i, row.customerId);
      visitDays.set(i, row.visitDays);
      firstDay.set(i, toDayNumber(row.firstOn));
      lastDay.set(i, toDayNumber(row.lastOn));
      netSpend.set(i, row.netSpend);
      firstDayNet.set(i, row.firstDayNet);
      visitsInRuleWindow.set(i, row.visitsInRuleWindow);
      visits12m.set(i, row.visits12m);
      spend12m.set(i, row.spend12m);
      let outlet = outletIndexes.get(row.homeOutletId);
      if (outlet === undefined) {
        outlet = outlets.push(row.homeOutletId) - 1;
        outletIndexes.set(row.homeOutletId, outlet);
      }
      outletIndex.set(i, outlet);
      length++;
    },
    figures(index) {
      return {
        visitDays: visitDays.get(index),
        firstDay: firstDay.get(index),
        lastDay: lastDay.get(index),
        netSpend: netSpend.get(index),
        firstDayNet: firstDayNet.get(index),
        spend12m: spend12m.get(index),
      };
    },
    row(index) {
      return {
        customerId: customerIds.get(index),
        visitDays: visitDays.get(index),
        firstOn: fromDayNumber(firstDay.get(index)),
        lastOn: fromDayNumber(lastDay.get(index)),
        netSpend: netSpend.get(index),
        firstDayNet: firstDayNet.get(index),
        visitsInRuleWindow: visitsInRuleWindow.get(index),
        visits12m: visits12m.get(index),
        spend12m: spend12m.get(index),
        homeOutletId: outlets[outletIndex.get(index)]!,
      };
    },
  };
}
