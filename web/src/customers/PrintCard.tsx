import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../api.ts';
import { useSession } from '../session.ts';
import type { Customer } from '@contract/customers.ts';

/**
 * A print-friendly customer card laid over the page; the barcode image carries the number in
 * digits under the bars. The print stylesheet hides the app
 * (#root) so only this card reaches the printer; printing starts once the barcode has loaded.
 */
export function PrintCard({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { settings } = useSession();
  const printed = useRef(false);

  const printOnce = () => {
    if (printed.current) return;
    printed.current = true;
    window.print();
  };

  return createPortal(
    <div className="print-sheet" role="dialog" aria-label="Customer card" data-testid="print-card">
      <div className="customer-card">
        <div className="card-shop">{settings?.shopName ?? 'Customer card'}</div>
        <div className="card-name">{customer.name}</div>
        <img
          className="card-barcode"
          src={api.cardSvgUrl(customer.id)}
          alt={`Barcode of customer number ${customer.number}`}
          onLoad={printOnce}
        />
      </div>
      <div className="print-actions">
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>,
    document.body,
  );
}
