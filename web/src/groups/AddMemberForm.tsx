import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { loyaltyApi } from '../loyalty-api.ts';

type Props = { groupId: string; onAdded: (message: string) => void };

/** Adds a customer to a manual group: by their customer number (or card), or by searching. */
export function AddMemberForm({ groupId, onAdded }: Props) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (customer: { id: string; name: string; number: string }) => {
    await loyaltyApi.setMember(groupId, customer.id, true);
    onAdded(`${customer.name} (${customer.number}) added.`);
  };

  // Finds the customer by number or card, then adds them: false when no one has it.
  const once = useSubmitOnce(async (text: string) => {
    const { results } = await api.search(text, 5);
    const exact = results.find((r) => r.matchedBy === 'number' || r.matchedBy === 'card');
    if (exact === undefined) return false;
    await add(exact.customer);
    return true;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = number.trim();
    if (text === '') return setError('Type the customer number, or scan their card.');
    setError(null);
    void once.submit(text).then((answer) => {
      if (!answer.ok) {
        if (answer.error !== null) setError(errorMessage(answer.error));
      } else if (answer.value) setNumber('');
      else setError(`No customer has the number or card “${text}”. Try the search below.`);
    });
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
        <button
          type="submit"
          className="primary"
          data-testid="group-add-submit"
          disabled={once.busy}
        >
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
