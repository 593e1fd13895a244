import { stringify } from 'csv-stringify/sync';
import { invalid, ok, type Result } from '../../domain/result.ts';
import { selectOutlets } from '../../store/outlets.ts';
import {
  selectGiftCardMovements,
  selectGiftCardOutstandingByAge,
  selectGiftCardOutstandingByOutlet,
  selectStoreCreditMovements,
  selectStoreCreditOutstanding,
  type LedgerMovements,
  type OutstandingByAge,
} from '../../store/stored-value-reports.ts';
import type { ServiceDeps } from '../platform/context.ts';

export type StoredValueReport = {
  from: string;
  to: string;
  giftCards: {
    byOutlet: { outlet: string; currency: string; cards: number; balance: number }[];
    byAge: OutstandingByAge[];
    movements: LedgerMovements[];
  };
  storeCredit: {
    outstanding: { currency: string; accounts: number; balance: number }[];
    movements: LedgerMovements[];
  };
};

/** The period, [from, to): by default the last twelve whole months and this one. */
function period(now: Date, from?: string, to?: string): Result<{ from: Date; to: Date }> {
  const start = from
    ? new Date(from)
    : new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
  const end = to ? new Date(to) : new Date(now.getTime() + 1);
  if (Number.isNaN(start.getTime())) return invalid('from', 'from must be a date like 2026-01-01');
  if (Number.isNaN(end.getTime())) return invalid('to', 'to must be a date like 2026-12-31');
  if (end <= start) return invalid('to', 'to must be after from');
  return ok({ from: start, to: end });
}

/**
 * Gift card and store credit liability: what is outstanding (by issuing outlet and by
 * age), and what was issued, redeemed, refunded, expired and adjusted per month.
 */
export async function storedValueReport(
  deps: ServiceDeps,
  range: { from?: string; to?: string },
): Promise<Result<StoredValueReport>> {
  const dates = period(deps.now(), range.from, range.to);
  if (!dates.ok) return dates;
  const { from, to } = dates.value;
  const [outlets, byOutlet, byAge, giftMoves, creditOutstanding, creditMoves] = await Promise.all([
    selectOutlets(deps.db),
    selectGiftCardOutstandingByOutlet(deps.db),
    selectGiftCardOutstandingByAge(deps.db, deps.now()),
    selectGiftCardMovements(deps.db, from, to),
    selectStoreCreditOutstanding(deps.db),
    selectStoreCreditMovements(deps.db, from, to),
  ]);
  return ok({
    from: from.toISOString(),
    to: to.toISOString(),
    giftCards: {
      byOutlet: byOutlet.map((row) => ({
        outlet: outlets.find((outlet) => outlet.id === row.outletId)?.code ?? 'imported',
        currency: row.currency,
        cards: row.cards,
        balance: row.balance,
      })),
      byAge,
      movements: giftMoves,
    },
    storeCredit: { outstanding: creditOutstanding, movements: creditMoves },
  });
}

/** The report as one CSV table: section, key, currency, count and the amounts in minor units. */
export function storedValueReportCsv(report: StoredValueReport): string {
  const rows: (string | number)[][] = [
    [
      'section',
      'key',
      'currency',
      'count',
      'balance',
      'issued',
      'redeemed',
      'refunded',
      'expired',
      'adjusted',
    ],
  ];
  for (const row of report.giftCards.byOutlet) {
    rows.push([
      'gift_card_outstanding_by_outlet',
      row.outlet,
      row.currency,
      row.cards,
      row.balance,
    ]);
  }
  for (const row of report.giftCards.byAge) {
    rows.push(['gift_card_outstanding_by_age', row.ageBand, row.currency, row.cards, row.balance]);
  }
  const movement = (section: string, row: LedgerMovements) => [
    section,
    row.month,
    row.currency,
    '',
    '',
    row.issued,
    row.redeemed,
    row.refunded,
    row.expired,
    row.adjusted,
  ];
  for (const row of report.giftCards.movements) rows.push(movement('gift_card_month', row));
  for (const row of report.storeCredit.outstanding) {
    rows.push(['store_credit_outstanding', 'all', row.currency, row.accounts, row.balance]);
  }
  for (const row of report.storeCredit.movements) rows.push(movement('store_credit_month', row));
  return stringify(rows);
}
