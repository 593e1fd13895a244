import type { ReactNode } from 'react';
import { formatDateTime } from './format.ts';

/** One column of a ledger: its heading and how an entry reads in it. */
export type LedgerColumn<E> = {
  header: string;
  cell: (entry: E) => ReactNode;
  /** Right-aligned figures (amounts, balances). */
  numeric?: boolean;
  /** Dates that must not break over two lines. */
  nowrap?: boolean;
};

type Props<E extends { id: string }> = {
  entries: readonly E[];
  columns: readonly LedgerColumn<E>[];
  /** What shows instead of an empty table (null: nothing). */
  empty: ReactNode;
  testId: string;
  rowTestId: string;
};

function cellClass(column: { numeric?: boolean; nowrap?: boolean }): string | undefined {
  if (column.numeric === true) return 'num';
  if (column.nowrap === true) return 'nowrap';
  return undefined;
}

/**
 * A ledger as staff read it: one row per change, oldest first, each with its balance after.
 * Points, store credit and gift card activity differ only in their columns.
 */
export function LedgerTable<E extends { id: string }>(props: Props<E>) {
  const { entries, columns, empty, testId, rowTestId } = props;
  if (entries.length === 0) return <>{empty}</>;
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} className={column.numeric === true ? 'num' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid={rowTestId}>
            {columns.map((column) => (
              <td key={column.header} className={cellClass(column)}>
                {column.cell(entry)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The "When" column every ledger starts with. */
export function whenColumn<E extends { at: string }>(): LedgerColumn<E> {
  return { header: 'When', nowrap: true, cell: (entry) => formatDateTime(entry.at) };
}
