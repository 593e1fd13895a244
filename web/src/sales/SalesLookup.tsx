import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useCan } from '../session.ts';
import type { Sale } from '@contract/sales.ts';
import { AttachSale } from './AttachSale.tsx';
import { DetachSale } from './DetachSale.tsx';
import { ReceiptButtons } from './ReceiptButtons.tsx';
import { SaleDetail } from './SaleDetail.tsx';

/** Back office: find a sale by the number on its receipt; reprint, resend, attach, detach. */
export function SalesLookup() {
  const can = useCan();
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<Sale | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const find = (event: FormEvent) => {
    event.preventDefault();
    const text = number.trim();
    if (text === '') return;
    setBusy(true);
    setError(null);
    setNote(null);
    api
      .saleByNumber(text)
      .then((answer) => setSale(answer.sale))
      .catch((err: unknown) => {
        setSale(null);
        setError(errorMessage(err));
      })
      .finally(() => setBusy(false));
  };

  const changed = (next: Sale, message: string) => {
    setSale(next);
    setNote(message);
  };

  return (
    <div className="stack">
      <h1>Sales</h1>
      <form className="filters" onSubmit={find}>
        <label>
          Sale number (scan or type the receipt’s barcode)
          <input
            autoFocus
            autoComplete="off"
            spellCheck={false}
            data-testid="sales-lookup-input"
            placeholder="e.g. BRI-1-000042"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="sales-lookup-submit" disabled={busy}>
          Find
        </button>
      </form>
      <ErrorText message={error} testId="sales-lookup-error" />
      {sale !== null && (
        <section className="panel" key={sale.id}>
          {note !== null && (
            <p className="note" role="status" data-testid="sales-lookup-note">
              {note}
            </p>
          )}
          <SaleDetail sale={sale} onVoided={changed}>
            <ReceiptButtons sale={sale} prefix="sales-lookup" again />
            {sale.customer === null && can('sale.attach') && (
              <AttachSale
                key={`attach-${sale.id}`}
                sale={sale}
                testId="sales-attach"
                onAttached={(next) => changed(next, `Attached to ${next.customer?.name ?? ''}.`)}
              />
            )}
            {sale.customer !== null && can('sale.detach') && (
              <DetachSale sale={sale} onDetached={(next) => changed(next, 'Detached.')} />
            )}
          </SaleDetail>
        </section>
      )}
    </div>
  );
}
