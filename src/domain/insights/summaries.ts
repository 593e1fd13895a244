/**
 * Turns a purchase history into the per-customer summaries the models are fitted on:
 * x (repeat purchases), tx (time of the last purchase since the first), T (time from the
 * first purchase to the end of the calibration period) and the mean spend per repeat
 * purchase. Pure: the caller reads the sales; this only counts.
 *
 * The counting rules, the models' and the paper's:
 * - one customer's purchases on one calendar day are one transaction (amounts summed):
 *   a second receipt the same afternoon is not a second visit;
 * - returns are negative amounts and net out within their day; a day with a return whose
 *   net is zero or less is not a transaction (a visit only to return something, or to
 *   bring back what was bought, is not a purchase). A day of purchases only counts even
 *   when they were free (amount 0): the customer came and took something, and real data
 *   have such days (8 in the CDNOW sample, which the paper counts). A return on a later
 *   day does not reach back to the day of the sale: the model counts visits, and the
 *   sale's visit did happen;
 * - the first purchase starts the customer's clock and is not a repeat; its amount is
 *   left out of the spend too (Gamma–Gamma models repeat purchases only).
 */
import { invalid, ok, type Result } from '../result.ts';

export type TimeUnit = 'days' | 'weeks';

export interface Transaction {
  readonly customer: string | number;
  /** A Date, or an ISO date (time optional): its written calendar day is the day. */
  readonly date: Date | string;
  readonly amount: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period, included. Later transactions are ignored. */
  readonly calibrationEnd: Date | string;
  readonly unit: TimeUnit;
  /** The time zone whose calendar days a Date falls on (default UTC). */
  readonly timeZone?: string;
}

export interface CustomerSummary {
  readonly customer: string | number;
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Mean net amount per repeat transaction; 0 for a one-time buyer. */
  readonly monetary: number;
  /** The days of the first and last purchase (UTC midnight of that calendar day). */
  readonly firstPurchase: Date;
  readonly lastPurchase: Date;
}

const MS_PER_DAY = 86_400_000;

/** One customer's calendar day: the net amount and whether anything was returned. */
interface Day {
  net: number;
  hasReturn: boolean;
}
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** Whole days since 1970-01-01 of a calendar day, or null when it is not a real day. */
function dayNumber(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1;
  return real && back.getUTCDate() === day ? ms / MS_PER_DAY : null;
}

function dayOf(date: Date | string, format: Intl.DateTimeFormat | null): number | null {
  if (typeof date === 'string') {
    const match = ISO_DAY.exec(date);
    return match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  }
  if (Number.isNaN(date.getTime())) return null;
  if (format === null) {
    return dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  // en-CA writes dates as YYYY-MM-DD, which the string branch reads.
  return dayOf(format.format(date), null);
}

/**
 * The per-customer summaries at a calibration end, or a validation failure naming the
 * first transaction with an unreadable date or amount. Customers whose first purchase is
 * after the calibration end, or who never had a day that counts, are left out.
 */
export function summariseTransactions(
  transactions: readonly Transaction[],
  options: SummaryOptions,
): Result<CustomerSummary[]> {
  const format = options.timeZone
    ? new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone })
    : null;
  const end = dayOf(options.calibrationEnd, format);
  if (end === null) return invalid('calibrationEnd', 'The calibration end is not a date.');
  const byCustomer = new Map<string | number, Map<number, Day>>();
  for (const [index, t] of transactions.entries()) {
    const day = dayOf(t.date, format);
    if (day === null)
      return invalid(`transactions[${index}].date`, `Not a date: ${String(t.date)}`);
    if (!Number.isFinite(t.amount)) {
      return invalid(`transactions[${index}].amount`, `Not an amount: ${String(t.amount)}`);
    }
    if (day > end) continue;
    let days = byCustomer.get(t.customer);
    if (days === undefined) byCustomer.set(t.customer, (days = new Map()));
    const seen = days.get(day);
    days.set(day, {
      net: (seen?.net ?? 0) + t.amount,
      hasReturn: (seen?.hasReturn ?? false) || t.amount < 0,
    });
  }
  const perUnit = options.unit === 'weeks' ? 7 : 1;
  const summaries: CustomerSummary[] = [];
  for (const [customer, days] of byCustomer) {
    const purchases = [...days]
      .filter(([, { net, hasReturn }]) => net > 0 || (net === 0 && !hasReturn))
      .sort(([d1], [d2]) => d1 - d2);
    const [first] = purchases;
    const last = purchases[purchases.length - 1];
    if (first === undefined || last === undefined) continue;
    const repeats = purchases.slice(1);
    const spend = repeats.reduce((sum, [, { net }]) => sum + net, 0);
    summaries.push({
      customer,
      x: repeats.length,
      tx: (last[0] - first[0]) / perUnit,
      T: (end - first[0]) / perUnit,
      monetary: repeats.length > 0 ? spend / repeats.length : 0,
      firstPurchase: new Date(first[0] * MS_PER_DAY),
      lastPurchase: new Date(last[0] * MS_PER_DAY),
    });
  }
  return ok(summaries);
}
