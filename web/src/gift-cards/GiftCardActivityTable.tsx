import { LedgerTable, whenColumn, type LedgerColumn } from '../common/LedgerTable.tsx';
import { ledgerKindLabel } from '../common/ledger-kinds.ts';
import { formatMoney } from '../common/money.ts';
import type { GiftCardActivity } from '@contract/stored-value.ts';

type Props = { activity: readonly GiftCardActivity[]; currency: string };

function activityColumns(currency: string): LedgerColumn<GiftCardActivity>[] {
  const money = (amount: number) => formatMoney(amount, currency);
  return [
    whenColumn(),
    { header: 'What', cell: (entry) => ledgerKindLabel(entry.kind) },
    // Blocking or unblocking moves no money: the amount stays blank rather than 0.00.
    {
      header: 'Amount',
      numeric: true,
      cell: (entry) => (entry.amount === 0 ? '' : money(entry.amount)),
    },
    { header: 'Balance after', numeric: true, cell: (entry) => money(entry.balanceAfter) },
    { header: 'State after', cell: (entry) => entry.stateAfter.toLowerCase() },
    {
      header: 'By',
      cell: (entry) => (
        <>
          {entry.staffName ?? '—'}
          {entry.approvedByName !== null && entry.approvedByName !== entry.staffName && (
            <span className="muted"> (approved by {entry.approvedByName})</span>
          )}
        </>
      ),
    },
    { header: 'Reason', cell: (entry) => entry.reason ?? '' },
  ];
}

/** Everything that happened to the card: sales, redemptions, refunds, manager changes. */
export function GiftCardActivityTable({ activity, currency }: Props) {
  return (
    <LedgerTable
      entries={activity}
      columns={activityColumns(currency)}
      empty={<p className="muted">Nothing has happened to this card yet.</p>}
      testId="gift-card-activity"
      rowTestId="gift-card-activity-row"
    />
  );
}
