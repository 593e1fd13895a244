import { formatMoney } from '../common/money.ts';
import type { StoredValueMovement } from '@contract/stored-value.ts';

/** Per month and currency: what was issued, redeemed, refunded, expired and adjusted. */
export function MovementsTable({
  rows,
  testId,
}: {
  rows: readonly StoredValueMovement[];
  testId: string;
}) {
  if (rows.length === 0) return <p className="muted">No movements in this period.</p>;
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>Month</th>
          <th className="num">Issued</th>
          <th className="num">Redeemed</th>
          <th className="num">Refunded</th>
          <th className="num">Expired</th>
          <th className="num">Adjusted</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const money = (amount: number) => formatMoney(amount, row.currency);
          return (
            <tr key={`${row.month}-${row.currency}`}>
              <td className="nowrap">
                {row.month} <span className="muted">{row.currency}</span>
              </td>
              <td className="num">{money(row.issued)}</td>
              <td className="num">{money(row.redeemed)}</td>
              <td className="num">{money(row.refunded)}</td>
              <td className="num">{money(row.expired)}</td>
              <td className="num">{money(row.adjusted)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
