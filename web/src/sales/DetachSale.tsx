import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Sale } from '@contract/sales.ts';

type Props = { sale: Sale; onDetached: (sale: Sale) => void };

/** A supervisor takes a sale off the wrong customer; the reason goes into the audit log. */
export function DetachSale({ sale, onDetached }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const once = useSubmitOnce((reason: string) => api.detachSale(sale.id, reason));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);

  if (sale.customer === null) return null;
  if (!open) {
    return (
      <div className="row">
        <button
          type="button"
          className="danger"
          data-testid="sale-detach"
          onClick={() => setOpen(true)}
        >
          Detach from {sale.customer.name}
        </button>
      </div>
    );
  }

  const detach = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setError('Say why the sale is detached.');
      return;
    }
    setError(null);
    void once.submit(reason.trim()).then((answer) => {
      if (answer.ok) onDetached(answer.value.sale);
      else if (answer.error !== null) setError(errorMessage(answer.error));
    });
  };

  return (
    <form className="row" onSubmit={detach}>
      <label className="grow">
        Reason for detaching
        <input
          autoFocus
          autoComplete="off"
          maxLength={200}
          data-testid="sale-detach-reason"
          placeholder="e.g. attached to the wrong Smith"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <button type="submit" className="danger" data-testid="sale-detach-confirm" disabled={busy}>
        Detach
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorText message={error} testId="sale-detach-error" />
    </form>
  );
}
