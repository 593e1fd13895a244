import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Sale } from '@contract/sales.ts';
import { openReceipt } from './receipt-window.ts';

type Props = {
  sale: Sale;
  /** data-testid prefix: `${prefix}-print`, `${prefix}-email`, `${prefix}-email-to`. */
  prefix: string;
  /** From history: "Reprint" and "Resend". */
  again?: boolean;
};

/** Print the receipt, or email it to the customer's address on file or a typed one. */
export function ReceiptButtons({ sale, prefix, again = false }: Props) {
  const [to, setTo] = useState('');
  const once = useSubmitOnce((to: string | undefined) => api.emailReceipt(sale.id, to));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const print = () => {
    setError(null);
    setSent(null);
    void openReceipt(sale.id).then(setError);
  };

  const email = (event: FormEvent) => {
    event.preventDefault();
    const address = to.trim();
    setSent(null);
    if (address === '' && sale.customer === null) {
      setError('Type the email address to send the receipt to.');
      return;
    }
    setError(null);
    void once.submit(address || undefined).then((answer) => {
      if (answer.ok)
        setSent(address === '' ? 'Sent to the customer’s email on file.' : `Sent to ${address}.`);
      else if (answer.error !== null) setError(errorMessage(answer.error));
    });
  };

  return (
    <div className="receipt-buttons">
      <form className="row" onSubmit={email}>
        <button type="button" data-testid={`${prefix}-print`} onClick={print}>
          {again ? 'Reprint receipt' : 'Print receipt'}
        </button>
        <label className="grow">
          Email to
          <input
            type="email"
            autoComplete="off"
            data-testid={`${prefix}-email-to`}
            placeholder={
              sale.customer === null ? 'email address' : 'the customer’s email on file, or type one'
            }
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button type="submit" data-testid={`${prefix}-email`} disabled={busy}>
          {busy ? 'Sending…' : again ? 'Resend e-receipt' : 'Email receipt'}
        </button>
      </form>
      {sent !== null && (
        <p className="note" role="status" data-testid={`${prefix}-email-sent`}>
          {sent}
        </p>
      )}
      <ErrorText message={error} testId={`${prefix}-receipt-error`} />
    </div>
  );
}
