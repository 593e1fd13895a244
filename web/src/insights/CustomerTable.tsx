import type { InsightCustomer } from '@contract/insights.ts';
import { formatDate } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import { customerHref } from '../router.ts';
import { agoText, everyText } from '../till/insight-lines.ts';

export type Column = 'segment' | 'last' | 'gap' | 'visits' | 'spend' | 'value' | 'risk' | 'alive';

const headings: Readonly<Record<Column, string>> = {
  segment: 'Segment',
  last: 'Last visit',
  gap: 'Usual gap',
  visits: 'Visits (12 mo)',
  spend: 'Spend (12 mo)',
  value: 'Value next 12 mo',
  risk: 'Value at risk',
  alive: 'Still active',
};
const numeric: readonly Column[] = ['visits', 'spend', 'value', 'risk', 'alive'];

function daysSince(day: string, today: Date): number {
  return Math.round((today.getTime() - new Date(`${day}T00:00:00Z`).getTime()) / 86_400_000);
}

function cell(column: Column, row: InsightCustomer, currency: string, today: Date) {
  switch (column) {
    case 'segment':
      return row.segment;
    case 'last':
      return (
        <span title={formatDate(row.lastPurchaseOn)}>
          {agoText(Math.max(0, daysSince(row.lastPurchaseOn, today)))}
        </span>
      );
    case 'gap':
      return row.typicalGapDays === null ? '—' : everyText(Math.round(row.typicalGapDays));
    case 'visits':
      return row.visits12m;
    case 'spend':
      return formatMoney(row.spend12m, currency);
    case 'value':
      return row.value12m === null ? '—' : formatMoney(row.value12m, currency);
    case 'risk':
      return formatMoney(row.valueAtRisk, currency);
    case 'alive':
      return row.pAlive === null ? '—' : `${Math.round(row.pAlive * 100)}%`;
  }
}

/** A page of customers from one of the Insights lists; names open the profile. */
export function CustomerTable({
  rows,
  columns,
  currency,
  rank,
  loading,
  testId,
}: {
  rows: InsightCustomer[];
  columns: readonly Column[];
  currency: string;
  /** The rank of the first row (1 on the first page). */
  rank: number;
  loading: boolean;
  testId: string;
}) {
  const today = new Date();
  return (
    <table className={loading ? 'table compact loading' : 'table compact'} data-testid={testId}>
      <thead>
        <tr>
          <th className="num">#</th>
          <th>Customer</th>
          {columns.map((column) => (
            <th key={column} className={numeric.includes(column) ? 'num' : undefined}>
              {headings[column]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.customerId} data-testid={`${testId}-row`}>
            <td className="num muted">{rank + index}</td>
            <td>
              <a href={customerHref(row.customerId)}>
                <span className="mono">{row.number}</span> {row.name}
              </a>
            </td>
            {columns.map((column) => (
              <td key={column} className={numeric.includes(column) ? 'num' : 'nowrap'}>
                {cell(column, row, currency, today)}
              </td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && !loading && (
          <tr>
            <td colSpan={columns.length + 2} className="muted">
              Nobody on this list.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
