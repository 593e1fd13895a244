import { useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { CustomerPicker } from '../common/CustomerPicker.tsx';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Customer, CustomerSummary } from '@contract/customers.ts';

type Props = { customer: Customer; onMerged: (customer: Customer) => void };

/** Merge a duplicate into this customer: this profile survives, the other is marked merged. */
export function MergeSection({ customer, onMerged }: Props) {
  const [other, setOther] = useState<CustomerSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce((duplicateId: string) => api.merge(customer.id, duplicateId));

  const merge = async () => {
    if (other === null) return;
    setError(null);
    const answer = await once.submit(other.id);
    if (!answer.ok && answer.error === null) return;
    setOther(null);
    if (answer.ok) onMerged(answer.value.customer);
    else setError(errorMessage(answer.error));
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
          busy={once.busy}
          onConfirm={() => void merge()}
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
