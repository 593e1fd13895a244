import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LedgerTable, type LedgerColumn } from './LedgerTable.tsx';

type Entry = { id: string; at: string; amount: number };

const columns: LedgerColumn<Entry>[] = [
  { header: 'What', cell: (entry) => `entry ${entry.id}` },
  { header: 'Amount', numeric: true, cell: (entry) => entry.amount },
  { header: 'Note', nowrap: true, cell: () => 'kept on one line' },
];

const render = (entries: Entry[]) =>
  renderToStaticMarkup(
    createElement(LedgerTable<Entry>, {
      entries,
      columns,
      empty: createElement('p', null, 'Nothing yet.'),
      testId: 'ledger',
      rowTestId: 'ledger-row',
    }),
  );

describe('a ledger table', () => {
  it('shows one row per entry, in the order given, with the columns it was given', () => {
    const html = render([
      { id: 'a', at: '2026-01-01T10:00:00Z', amount: 500 },
      { id: 'b', at: '2026-01-02T10:00:00Z', amount: -200 },
    ]);
    expect(html).toBe(
      '<table class="table compact" data-testid="ledger"><thead><tr>' +
        '<th>What</th><th class="num">Amount</th><th>Note</th></tr></thead><tbody>' +
        '<tr data-testid="ledger-row"><td>entry a</td><td class="num">500</td>' +
        '<td class="nowrap">kept on one line</td></tr>' +
        '<tr data-testid="ledger-row"><td>entry b</td><td class="num">-200</td>' +
        '<td class="nowrap">kept on one line</td></tr></tbody></table>',
    );
  });

  it('shows what it was told instead of an empty table', () => {
    expect(render([])).toBe('<p>Nothing yet.</p>');
  });
});
