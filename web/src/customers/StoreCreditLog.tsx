import { formatDate, formatDateTime } from '../common/format.ts';
import { ledgerKindLabel } from '../common/ledger-kinds.ts';
import { formatMoney } from '../common/money.ts';
import type { StoreCreditEntry } from '../stored-value-types.ts';

/** Every change to the customer's store credit, in the order they happened. */
export function StoreCreditLog({ entries }: { entries: readonly StoreCreditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No store credit yet.</p>;
  return (
    <table className="table compact" data-testid="store-credit-log">
      <thead>
        <tr>
          <th>When</th>
          <th>What</th>
          <th className="num">Amount</th>
          <th className="num">Balance after</th>
          <th>Expires</th>
          <th>By</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="store-credit-entry">
            <td className="nowrap">{formatDateTime(entry.at)}</td>
            <td>{ledgerKindLabel(entry.kind)}</td>
            <td className="num">{formatMoney(entry.amount, entry.currency)}</td>
            <td className="num">{formatMoney(entry.balanceAfter, entry.currency)}</td>
            <td className="nowrap">
              {entry.expiresAt === null ? '' : formatDate(entry.expiresAt)}
            </td>
            <td>{entry.staffName ?? '—'}</td>
            <td>{entry.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
