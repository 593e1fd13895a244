import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { customerHref } from '../router.ts';
import type { GiftCard } from '../stored-value-types.ts';

type Props = { card: GiftCard; onChanged: (message: string) => void };

/** Whose card it is (optional): linked so it shows on their profile and can be found by them. */
export function GiftCardCustomer({ card, onChanged }: Props) {
  const [name, setName] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const customerId = card.customerId;

  useEffect(() => {
    if (customerId === null) return;
    let live = true;
    api
      .customer(customerId)
      .then(({ customer }) => {
        if (live) setName({ id: customer.id, name: `${customer.name} (${customer.number})` });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [customerId]);

  const link = (id: string | null, message: string) => {
    setBusy(true);
    setError(null);
    api
      .linkGiftCard(card.id, id)
      .then(() => onChanged(message))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="stack" data-testid="gift-card-customer">
      <h2>Customer</h2>
      {customerId === null ? (
        <CustomerPicker
          excludeId=""
          label="Link the card to a customer"
          onPick={(customer) => link(customer.id, `Linked to ${customer.name}.`)}
        />
      ) : (
        <div className="row">
          <a href={customerHref(customerId)}>
            {name?.id === customerId ? name.name : 'the customer’s profile'}
          </a>
          <button
            type="button"
            disabled={busy}
            data-testid="gift-card-unlink"
            onClick={() => link(null, 'Unlinked.')}
          >
            Unlink
          </button>
        </div>
      )}
      <ErrorText message={error} testId="gift-card-customer-error" />
    </div>
  );
}
