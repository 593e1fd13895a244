import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { customerHref } from '../router.ts';
import type { GiftCard } from '@contract/stored-value.ts';

type Props = { card: GiftCard; onChanged: (message: string) => void };

/** Whose card it is (optional): linked so it shows on their profile and can be found by them. */
export function GiftCardCustomer({ card, onChanged }: Props) {
  const [name, setName] = useState<{ id: string; name: string } | null>(null);
  const once = useSubmitOnce((customerId: string | null) => api.linkGiftCard(card.id, customerId));
  const busy = once.busy;
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

  const link = async (id: string | null, message: string) => {
    setError(null);
    const answer = await once.submit(id);
    if (answer.ok) onChanged(message);
    else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  return (
    <div className="stack" data-testid="gift-card-customer">
      <h2>Customer</h2>
      {customerId === null ? (
        <CustomerPicker
          excludeId=""
          label="Link the card to a customer"
          onPick={(customer) => void link(customer.id, `Linked to ${customer.name}.`)}
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
            onClick={() => void link(null, 'Unlinked.')}
          >
            Unlink
          </button>
        </div>
      )}
      <ErrorText message={error} testId="gift-card-customer-error" />
    </div>
  );
}
