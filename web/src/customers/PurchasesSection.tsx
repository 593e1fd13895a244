import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { defaultCurrency } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';
import type { Sale } from '@contract/sales.ts';
import { PurchaseRow } from './PurchaseRow.tsx';
import { PurchaseSummaryView } from './PurchaseSummaryView.tsx';

type History = { items: Sale[]; nextCursor: string | null };

/** Purchase history (F4): the lifetime summary, then sales and returns, newest first. */
export function PurchasesSection({ customerId }: { customerId: string }) {
  const summaryLoader = useCallback(
    () => api.purchaseSummary(customerId).then((answer) => answer.summary),
    [customerId],
  );
  const summary = useLoad(summaryLoader);
  const [history, setHistory] = useState<History>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(
    (cursor?: string) => {
      setLoading(true);
      setError(null);
      return api
        .purchases(customerId, cursor)
        .then((page) => {
          setHistory((current) => ({
            items: cursor === undefined ? page.items : [...current.items, ...page.items],
            nextCursor: page.nextCursor,
          }));
        })
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(() => setLoading(false));
    },
    [customerId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // The summary carries no currency: the customer's sales do (one currency per shop).
  const currency = history.items[0]?.currency ?? defaultCurrency;

  const detached = (sale: Sale) => {
    setHistory((current) => ({
      ...current,
      items: current.items.filter((item) => item.id !== sale.id),
    }));
    setNote(`Sale ${sale.number} detached from this customer.`);
    summary.reload();
  };

  // The void adds its reversal to the history: read the first page again.
  const voided = (_sale: Sale, message: string) => {
    setNote(message);
    void load();
    summary.reload();
  };

  return (
    <section className="panel" data-testid="purchases">
      <h2>Purchases</h2>
      <ErrorText message={summary.error} />
      {summary.data !== null && <PurchaseSummaryView summary={summary.data} currency={currency} />}
      <h3>History</h3>
      {note !== null && (
        <p className="note" role="status">
          {note}
        </p>
      )}
      {!loading && error === null && history.items.length === 0 && (
        <p className="muted">No purchases yet.</p>
      )}
      {history.items.length > 0 && (
        <table className="table compact" data-testid="purchase-history">
          <thead>
            <tr>
              <th>When</th>
              <th>Number</th>
              <th>Kind</th>
              <th>Outlet</th>
              <th>Staff</th>
              <th className="num">Items</th>
              <th className="num">Total</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.items.map((sale) => (
              <PurchaseRow
                key={sale.id}
                sale={sale}
                open={open === sale.id}
                onToggle={() => setOpen((current) => (current === sale.id ? null : sale.id))}
                onDetached={detached}
                onVoided={voided}
              />
            ))}
          </tbody>
        </table>
      )}
      <ErrorText message={error} />
      {history.nextCursor !== null && (
        <button
          type="button"
          data-testid="purchases-more"
          disabled={loading}
          onClick={() => void load(history.nextCursor ?? undefined)}
        >
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
