import { useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Sale } from '@contract/sales.ts';

type Who = { id: string; name: string; number: string };

type Props = {
  sale: Sale;
  onAttached: (sale: Sale) => void;
  /** The customer already chosen (the till's): one button instead of a search. */
  customer?: Who | null;
  testId?: string;
};

/**
 * Attach a completed sale to a customer after the fact (the card was forgotten). The
 * customer is confirmed before the call: an attachment is undone only by a supervisor.
 */
export function AttachSale({ sale, onAttached, customer = null, testId = 'sale-attach' }: Props) {
  const [picked, setPicked] = useState<Who | null>(null);
  // The preset customer is offered until the cashier asks for someone else.
  const [searching, setSearching] = useState(false);
  const once = useSubmitOnce((customerId: string) => api.attachSale(sale.id, customerId));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);
  const chosen = picked ?? (searching ? null : customer);

  const attach = (who: Who) => {
    setError(null);
    void once.submit(who.id).then((answer) => {
      if (answer.ok) onAttached(answer.value.sale);
      else if (answer.error !== null) setError(errorMessage(answer.error));
    });
  };

  return (
    <div className="attach-sale stack">
      {chosen === null ? (
        <CustomerPicker
          excludeId=""
          label="Attach this sale to a customer"
          onPick={(found) => setPicked(found)}
        />
      ) : (
        <div className="row">
          <button
            type="button"
            className="primary"
            data-testid={testId}
            disabled={busy}
            onClick={() => attach(chosen)}
          >
            Attach to {chosen.name} ({chosen.number})
          </button>
          <button
            type="button"
            onClick={() => {
              setPicked(null);
              setSearching(true);
            }}
          >
            Someone else
          </button>
        </div>
      )}
      <ErrorText message={error} testId={`${testId}-error`} />
    </div>
  );
}
