import { formatDateTime } from '../common/format.ts';
import { ledgerKindLabel } from '../common/ledger-kinds.ts';
import { formatMoney } from '../common/money.ts';
import type { GiftCardActivity } from '../stored-value-types.ts';

type Props = { activity: readonly GiftCardActivity[]; currency: string };

/** Everything that happened to the card: sales, redemptions, refunds, manager changes. */
export function GiftCardActivityTable({ activity, currency }: Props) {
  if (activity.length === 0) return <p className="muted">Nothing has happened to this card yet.</p>;
  const money = (amount: number) => formatMoney(amount, currency);
  return (
    <table className="table compact" data-testid="gift-card-activity">
      <thead>
        <tr>
          <th>When</th>
          <th>What</th>
          <th className="num">Amount</th>
          <th className="num">Balance after</th>
          <th>State after</th>
          <th>By</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {activity.map((entry) => (
          <tr key={entry.id} data-testid="gift-card-activity-row">
            <td className="nowrap">{formatDateTime(entry.at)}</td>
            <td>{ledgerKindLabel(entry.kind)}</td>
            <td className="num">{entry.amount === 0 ? '' : money(entry.amount)}</td>
            <td className="num">{money(entry.balanceAfter)}</td>
            <td>{entry.stateAfter.toLowerCase()}</td>
            <td>
              {entry.staffName ?? '—'}
              {entry.approvedByName !== null && entry.approvedByName !== entry.staffName && (
                <span className="muted"> (approved by {entry.approvedByName})</span>
              )}
            </td>
            <td>{entry.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
