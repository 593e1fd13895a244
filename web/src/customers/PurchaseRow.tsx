import { formatDateTime } from '../common/format.ts';
import { formatMoney } from '../common/money.ts';
import { DetachSale } from '../sales/DetachSale.tsx';
import { ReceiptButtons } from '../sales/ReceiptButtons.tsx';
import { SaleDetail } from '../sales/SaleDetail.tsx';
import { useCan } from '../session.ts';
import type { Sale } from '@contract/sales.ts';

type Props = {
  sale: Sale;
  open: boolean;
  onToggle: () => void;
  onDetached: (sale: Sale) => void;
  onVoided: (sale: Sale, message: string) => void;
};

/** One sale or return in a customer's history; opens to its lines, reprint, resend, detach, void. */
export function PurchaseRow({ sale, open, onToggle, onDetached, onVoided }: Props) {
  const can = useCan();
  const units = sale.lines.reduce((sum, line) => sum + Math.abs(line.quantity), 0);
  return (
    <>
      <tr className="clickable" data-testid="purchase-row" onClick={onToggle}>
        <td className="nowrap">{formatDateTime(sale.completedAt)}</td>
        <td className="mono">{sale.number}</td>
        <td>
          <span className={sale.kind === 'return' ? 'badge warn' : 'badge'}>{sale.kind}</span>
        </td>
        <td>{sale.outlet.name}</td>
        <td>{sale.staffName ?? '—'}</td>
        <td className="num">{units}</td>
        <td className="num">{formatMoney(sale.total, sale.currency)}</td>
        <td>
          <button
            type="button"
            className="link-button"
            data-testid="purchase-toggle"
            aria-expanded={open}
            onClick={(event) => {
              event.stopPropagation();
              onToggle();
            }}
          >
            {open ? 'Hide' : 'Show'}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={8}>
            <SaleDetail sale={sale} onVoided={onVoided}>
              <ReceiptButtons sale={sale} prefix="purchase" again />
              {can('sale.detach') && <DetachSale sale={sale} onDetached={onDetached} />}
            </SaleDetail>
          </td>
        </tr>
      )}
    </>
  );
}
