import { formatMoney } from '../common/money.ts';
import { tenderName } from '@domain/receipts.ts';
import type { Sale } from '@contract/sales.ts';

/**
 * How it was paid, or where a refund went back to (negative amounts), under a heading of
 * its own; a gift card says what it holds now.
 */
export function SaleTenders({ sale }: { sale: Sale }) {
  const money = (amount: number) => formatMoney(amount, sale.currency);
  if (sale.tenders.length === 0) return null;
  const isReturn = sale.kind === 'return';
  return (
    <div className="stack">
      <h3>{isReturn ? 'Refunded to' : 'Paid'}</h3>
      <dl className="facts tenders" data-testid="sale-tenders-paid">
        {sale.tenders.map((tender, index) => (
          <div key={index} className="fact">
            <dt>{tenderName(tender)}</dt>
            <dd>
              {money(tender.amount)}
              {tender.received !== null && tender.received !== tender.amount && (
                <span className="muted"> · received {money(tender.received)}</span>
              )}
              {tender.change !== null && tender.change > 0 && (
                <strong> · change {money(tender.change)}</strong>
              )}
              {tender.balanceAfter !== null && (
                <span className="muted" data-testid="sale-tender-card-balance">
                  {' '}
                  · {isReturn ? 'card balance now' : 'left on card'} {money(tender.balanceAfter)}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
