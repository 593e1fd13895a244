import { formatPoints } from '../../common/loyalty-format.ts';
import { formatMoney } from '../../common/money.ts';
import type { SaleQuote } from '@contract/sales.ts';

/** Under the total: the tax in it and the points the sale earns, as the server priced them. */
export function QuoteDetail({ quote }: { quote: SaleQuote }) {
  const parts: string[] = [];
  if (quote.taxTotal > 0) parts.push(`includes tax ${formatMoney(quote.taxTotal, quote.currency)}`);
  if (quote.pointsEarned > 0) parts.push(`earns ${formatPoints(quote.pointsEarned)}`);
  if (parts.length === 0) return null;
  return (
    <span className="muted" data-testid="sale-total-detail">
      {parts.join(' · ')}
    </span>
  );
}
