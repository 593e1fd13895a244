import type { ReactNode } from 'react';
import { formatDateTime } from '../common/format.ts';
import { customerHref } from '../router.ts';
import type { Sale } from '../types.ts';
import { SaleLinesTable } from './SaleLinesTable.tsx';
import { SaleTenders } from './SaleTenders.tsx';

/** One sale or return in full: where, who, what, how paid; `children` are the actions. */
export function SaleDetail({ sale, children }: { sale: Sale; children?: ReactNode }) {
  return (
    <div className="sale-detail stack" data-testid="sale-detail">
      <p className="sale-facts">
        <strong className="mono">{sale.number}</strong>{' '}
        <span className={sale.kind === 'return' ? 'badge warn' : 'badge'}>{sale.kind}</span>{' '}
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
      {children}
    </div>
  );
}
