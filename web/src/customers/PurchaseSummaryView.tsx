import { formatDate } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import type { Favourite } from '@contract/sales.ts';
import type { PurchaseSummary } from '../api.ts';

type Props = { summary: PurchaseSummary; currency: string };

function Favourites({
  title,
  items,
  money,
}: {
  title: string;
  items: Favourite[];
  money: (amount: number) => string;
}) {
  return (
    <div>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <ol className="favourites">
          {items.map((item) => (
            <li key={item.key}>
              {item.label}{' '}
              <span className="muted">
                × {item.quantity} · {money(item.spend)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Lifetime figures, net of returns: what a cashier or marketer wants to know at a glance. */
export function PurchaseSummaryView({ summary, currency }: Props) {
  const money = (amount: number) => formatMoney(amount, currency);
  const facts: [string, string][] = [
    ['Lifetime spend', money(summary.lifetimeSpend)],
    ['Visits', String(summary.visits)],
    ['Average basket', money(summary.averageBasket)],
    ['Last visit', formatDate(summary.lastVisit)],
    ['Returns', String(summary.returns)],
    ['Customer since', formatDate(summary.firstVisit)],
  ];
  return (
    <div data-testid="purchase-summary">
      <dl className="facts facts-3">
        {facts.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="favourites-grid">
        <Favourites title="Top items" items={summary.topItems} money={money} />
        <Favourites title="Favourite brands" items={summary.favouriteBrands} money={money} />
        <Favourites title="Favourite sizes" items={summary.favouriteSizes} money={money} />
      </div>
    </div>
  );
}
