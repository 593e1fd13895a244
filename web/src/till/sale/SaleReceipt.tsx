import { formatMoney } from '../../common/money.ts';
import { AttachSale } from '../../sales/AttachSale.tsx';
import { ReceiptButtons } from '../../sales/ReceiptButtons.tsx';
import { SaleLinesTable } from '../../sales/SaleLinesTable.tsx';
import { SaleLoyaltySummary } from '../../sales/SaleLoyaltySummary.tsx';
import { SaleTenders } from '../../sales/SaleTenders.tsx';
import { useCan } from '../../session.ts';
import type { GiftCardDelivery, Sale } from '@contract/sales.ts';
import type { Who } from './use-sale-draft.ts';

type Props = {
  sale: Sale;
  deliveries: readonly GiftCardDelivery[];
  tillCustomer: Who | null;
  onAttached: (sale: Sale) => void;
  onNewSale: () => void;
};

/** The completed sale: number, lines, totals, change; print, email, attach, next sale. */
export function SaleReceipt({ sale, deliveries, tillCustomer, onAttached, onNewSale }: Props) {
  const can = useCan();
  const change = sale.tenders.reduce((sum, tender) => sum + (tender.change ?? 0), 0);
  return (
    <section className="stack" data-testid="sale-receipt">
      <h2>
        Sale{' '}
        <span className="mono" data-testid="sale-receipt-number">
          {sale.number}
        </span>{' '}
        complete
      </h2>
      {change > 0 && (
        <p className="change-due">
          Change to give:{' '}
          <strong data-testid="sale-receipt-change">{formatMoney(change, sale.currency)}</strong>
        </p>
      )}
      <p>
        Customer:{' '}
        {sale.customer === null ? (
          <span className="muted">none</span>
        ) : (
          <strong data-testid="sale-receipt-customer">
            {sale.customer.name} ({sale.customer.number})
          </strong>
        )}
      </p>
      <SaleLinesTable sale={sale} />
      <SaleTenders sale={sale} />
      <SaleLoyaltySummary sale={sale} testId="sale-receipt-loyalty" showBalance />
      {deliveries.map((delivery) => {
        const name = sale.lines.find((line) => line.lineNo === delivery.line)?.name;
        const card = name ?? `The digital gift card on line ${delivery.line}`;
        return delivery.sent ? (
          <p key={delivery.line} className="note" data-testid="sale-receipt-delivery">
            {card} was sent by email.
          </p>
        ) : (
          <p key={delivery.line} className="error" role="alert" data-testid="sale-receipt-delivery">
            {card} was not sent: {delivery.problem ?? 'the email failed'}. The card is paid for and
            active; a supervisor can send it again from the gift card page.
          </p>
        );
      })}
      <ReceiptButtons sale={sale} prefix="sale" />
      {sale.customer === null && can('sale.attach') && (
        <AttachSale
          sale={sale}
          customer={tillCustomer}
          testId="sale-receipt-attach"
          onAttached={onAttached}
        />
      )}
      <div className="row">
        <button
          type="button"
          className="primary big"
          autoFocus
          data-testid="sale-new"
          onClick={onNewSale}
        >
          New sale
        </button>
      </div>
    </section>
  );
}
