import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { loyaltyApi } from '../loyalty-api.ts';

type Props = { groupId: string; onAdded: (message: string) => void };

/** Adds a customer to a manual group: by their customer number (or card), or by searching. */
export function AddMemberForm({ groupId, onAdded }: Props) {
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (customer: { id: string; name: string; number: string }) => {
    await loyaltyApi.setMember(groupId, customer.id, true);
    onAdded(`${customer.name} (${customer.number}) added.`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = number.trim();
    if (text === '') return setError('Type the customer number, or scan their card.');
    setBusy(true);
    setError(null);
    api
      .search(text, 5)
      .then(async ({ results }) => {
        const exact = results.find((r) => r.matchedBy === 'number' || r.matchedBy === 'card');
        if (exact === undefined) {
          setError(`No customer has the number or card “${text}”. Try the search below.`);
          return;
        }
        await add(exact.customer);
        setNumber('');
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="stack" data-testid="group-add-member">
      <h3>Add a member</h3>
      <form className="row" onSubmit={submit}>
        <label>
          Customer number or card
          <input
            autoComplete="off"
            spellCheck={false}
            data-testid="group-add-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="group-add-submit" disabled={busy}>
          Add
        </button>
      </form>
      <CustomerPicker
        excludeId=""
        label="Or find the customer"
        onPick={(customer) => {
          setError(null);
          add(customer).catch((err: unknown) => setError(errorMessage(err)));
        }}
      />
      <ErrorText message={error} testId="group-add-error" />
    </div>
  );
}
