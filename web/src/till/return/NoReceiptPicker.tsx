import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { errorMessage } from '../../api-error.ts';
import { ErrorText } from '../../common/ErrorText.tsx';
import { formatDate } from '../../common/format.ts';
import { formatMoney } from '../../common/money.ts';
import type { Sale } from '@contract/sales.ts';

type Props = { customer: { id: string; name: string }; onPick: (sale: Sale) => void };

/** Without a receipt: the customer's sales with something still returnable, newest first. */
export function NoReceiptPicker({ customer, onPick }: Props) {
  const [sales, setSales] = useState<Sale[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (after?: string) => {
      setLoading(true);
      api
        .purchases(customer.id, after)
        .then((page) => {
          setSales((current) => (after === undefined ? page.items : [...current, ...page.items]));
          setCursor(page.nextCursor);
        })
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(() => setLoading(false));
    },
    [customer.id],
  );

  useEffect(() => load(), [load]);

  const returnable = sales.filter(
    (sale) => sale.kind === 'sale' && sale.lines.some((line) => line.returnable > 0),
  );
  return (
    <div className="stack" data-testid="return-history">
      <h3>{customer.name}’s purchases</h3>
      <ErrorText message={error} />
      {!loading && returnable.length === 0 && (
        <p className="muted">Nothing {customer.name} bought can still be returned.</p>
      )}
      <ul className="plain">
        {returnable.map((sale) => {
          const units = sale.lines.reduce((sum, line) => sum + line.returnable, 0);
          return (
            <li key={sale.id}>
              <button
                type="button"
                className="link-button"
                data-testid="return-history-sale"
                onClick={() => onPick(sale)}
              >
                {sale.number}
              </button>{' '}
              <span className="muted">
                {formatDate(sale.completedAt)} · {sale.outlet.name} ·{' '}
                {formatMoney(sale.total, sale.currency)} ·{' '}
                {sale.lines.map((line) => line.name).join(', ')} · {units} returnable
              </span>
            </li>
          );
        })}
      </ul>
      {cursor !== null && (
        <button type="button" disabled={loading} onClick={() => load(cursor)}>
          {loading ? 'Loading…' : 'Older purchases'}
        </button>
      )}
    </div>
  );
}
