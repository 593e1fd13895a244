import { useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import type { Customer, CustomerSummary } from '../types.ts';

type Props = { customer: Customer; onMerged: (customer: Customer) => void };

/** Merge a duplicate into this customer: this profile survives, the other is marked merged. */
export function MergeSection({ customer, onMerged }: Props) {
  const [other, setOther] = useState<CustomerSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const merge = () => {
    if (other === null) return;
    setBusy(true);
    setError(null);
    api
      .merge(customer.id, other.id)
      .then((answer) => {
        setOther(null);
        onMerged(answer.customer);
      })
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setOther(null);
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel">
      <h2>Merge a duplicate</h2>
      <p className="muted">
        Find the duplicate profile. Its cards, consents, history and balances move to{' '}
        {customer.name}, and it is kept only as “merged”.
      </p>
      <CustomerPicker excludeId={customer.id} label="Duplicate customer" onPick={setOther} />
      <ErrorText message={error} />
      {other !== null && (
        <ConfirmDialog
          title="Merge customers?"
          confirmLabel={`Merge into ${customer.name}`}
          busy={busy}
          onConfirm={merge}
          onCancel={() => setOther(null)}
        >
          <p>
            Merge <strong>{other.name}</strong> ({other.number}) into{' '}
            <strong>{customer.name}</strong> ({customer.number})?
          </p>
          <p>
            {customer.name} keeps their customer number; {other.name}’s profile becomes “merged”.
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
