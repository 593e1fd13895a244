import { formatDate } from '../common/format.ts';
import { LedgerTable, whenColumn, type LedgerColumn } from '../common/LedgerTable.tsx';
import { ledgerKindLabel } from '../common/ledger-kinds.ts';
import { formatMoney } from '../common/money.ts';
import type { StoreCreditEntry } from '@contract/stored-value.ts';

const columns: readonly LedgerColumn<StoreCreditEntry>[] = [
  whenColumn(),
  { header: 'What', cell: (entry) => ledgerKindLabel(entry.kind) },
  { header: 'Amount', numeric: true, cell: (entry) => formatMoney(entry.amount, entry.currency) },
  {
    header: 'Balance after',
    numeric: true,
    cell: (entry) => formatMoney(entry.balanceAfter, entry.currency),
  },
  {
    header: 'Expires',
    nowrap: true,
    cell: (entry) => (entry.expiresAt === null ? '' : formatDate(entry.expiresAt)),
  },
  { header: 'By', cell: (entry) => entry.staffName ?? '—' },
  { header: 'Reason', cell: (entry) => entry.reason ?? '' },
];

/** Every change to the customer's store credit, in the order they happened. */
export function StoreCreditLog({ entries }: { entries: readonly StoreCreditEntry[] }) {
  return (
    <LedgerTable
      entries={entries}
      columns={columns}
      empty={<p className="muted">No store credit yet.</p>}
      testId="store-credit-log"
      rowTestId="store-credit-entry"
    />
  );
}
