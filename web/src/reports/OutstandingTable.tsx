import { formatMoney } from '../common/money.ts';

type Row = { label: string; currency: string; count: number; balance: number };

type Props = { rows: readonly Row[]; heading: string; countHeading: string; testId: string };

/** What is still owed to holders, grouped one way or another, with a total per currency. */
export function OutstandingTable({ rows, heading, countHeading, testId }: Props) {
  if (rows.length === 0) return <p className="muted">Nothing outstanding.</p>;
  const totals = new Map<string, { count: number; balance: number }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { count: 0, balance: 0 };
    totals.set(row.currency, {
      count: total.count + row.count,
      balance: total.balance + row.balance,
    });
  }
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>{heading}</th>
          <th className="num">{countHeading}</th>
          <th className="num">Outstanding</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.label}-${row.currency}`}>
            <td>{row.label}</td>
            <td className="num">{row.count}</td>
            <td className="num">{formatMoney(row.balance, row.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {[...totals].map(([currency, total]) => (
          <tr key={currency} className="total-row">
            <td>Total {currency}</td>
            <td className="num">{total.count}</td>
            <td className="num">{formatMoney(total.balance, currency)}</td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}
