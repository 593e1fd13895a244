import { useCallback } from 'react';
import { api } from '../api.ts';
import { useCustomerChanges } from '../common/customer-changes.ts';
import { formatDate } from '../common/format.ts';
import { defaultCurrency, formatMoney } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';

/** At the till, the customer's purchases in one glance (the profile has the full history). */
export function TillPurchaseSummary({ customerId }: { customerId: string }) {
  const loader = useCallback(
    () => api.purchaseSummary(customerId).then((answer) => answer.summary),
    [customerId],
  );
  const { data: summary, reload } = useLoad(loader);
  // A sale or return just made for them changes their spend and visits.
  useCustomerChanges(customerId, reload);
  if (summary === null) return null;
  if (summary.visits === 0) return <p className="muted">No purchases yet.</p>;
  // The summary carries no currency; the shop sells in one.
  const money = (amount: number) => formatMoney(amount, defaultCurrency);
  const favourites = [
    ['Top items', summary.topItems],
    ['Brands', summary.favouriteBrands],
    ['Sizes', summary.favouriteSizes],
  ] as const;
  return (
    <div data-testid="till-purchase-summary">
      <p>
        {money(summary.lifetimeSpend)} over {summary.visits} visit{summary.visits === 1 ? '' : 's'}{' '}
        · average {money(summary.averageBasket)} · last {formatDate(summary.lastVisit)}
      </p>
      <dl className="facts">
        {favourites
          .filter(([, items]) => items.length > 0)
          .map(([label, items]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{items.map((item) => item.label).join(', ')}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
