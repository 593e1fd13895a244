import type { ReactNode } from 'react';
import { formatDateTime } from '../common/format.ts';
import { customerHref } from '../router.ts';
import { useCan } from '../session.ts';
import type { Sale } from '@contract/sales.ts';
import { SaleLinesTable } from './SaleLinesTable.tsx';
import { SaleLoyaltySummary } from './SaleLoyaltySummary.tsx';
import { SaleTenders } from './SaleTenders.tsx';
import { VoidSale } from './VoidSale.tsx';

type Props = {
  sale: Sale;
  children?: ReactNode;
  /** Offers "Void sale" where the sale can be voided; called with the voided sale. */
  onVoided?: (sale: Sale, message: string) => void;
};

/**
 * A sale made here that nothing has happened to yet, as the server requires: imported
 * history, half of an exchange, or a sale with units returned cannot be voided.
 */
function voidable(sale: Sale): boolean {
  return (
    sale.kind === 'sale' &&
    sale.voidedAt === null &&
    sale.source !== 'import' &&
    sale.exchangeId === null &&
    sale.lines.every((line) => line.returnedQuantity === 0)
  );
}

/** One sale or return in full: where, who, what, how paid; `children` are the actions. */
export function SaleDetail({ sale, children, onVoided }: Props) {
  const can = useCan();
  // A cashier may start a void: the server then asks for a supervisor's PIN.
  const mayVoid = can('sale.void') || can('sale.return');
  return (
    <div className="sale-detail stack" data-testid="sale-detail">
      <p className="sale-facts">
        <strong className="mono">{sale.number}</strong>{' '}
        <span className={sale.kind === 'return' ? 'badge warn' : 'badge'}>{sale.kind}</span>{' '}
        {sale.voidedAt !== null && (
          <>
            <span className="badge warn" data-testid="sale-voided">
              Voided {formatDateTime(sale.voidedAt)}
            </span>{' '}
          </>
        )}
        <span className="muted">
          {formatDateTime(sale.completedAt)} · {sale.outlet.name}
          {sale.register !== null && ` · ${sale.register.name}`}
          {sale.staffName !== null && ` · served by ${sale.staffName}`}
        </span>
        <br />
        Customer:{' '}
        {sale.customer === null ? (
          <span className="muted">none</span>
        ) : (
          <a href={customerHref(sale.customer.id)}>
            {sale.customer.name} ({sale.customer.number})
          </a>
        )}
        {sale.reason !== null && (
          <>
            <br />
            Reason: {sale.reason}
          </>
        )}
      </p>
      <SaleLinesTable sale={sale} />
      <SaleTenders sale={sale} />
      <SaleLoyaltySummary sale={sale} testId="sale-detail-loyalty" />
      {children}
      {onVoided !== undefined && mayVoid && voidable(sale) && (
        <VoidSale key={sale.id} sale={sale} onVoided={onVoided} />
      )}
    </div>
  );
}
