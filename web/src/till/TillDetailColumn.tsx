import type { Customer, Duplicate } from '@contract/customers.ts';
import { CustomerPanel, type Selected } from './CustomerPanel.tsx';
import { NewCustomerForm } from './NewCustomerForm.tsx';

type Props = {
  /** The new-customer form's first values; null while it is closed. */
  form: { name: string; phone: string } | null;
  selected: Selected | null;
  currency: string;
  onCreated: (customer: Customer, duplicates: Duplicate[]) => void;
  onSelectExisting: (duplicate: Duplicate) => void;
  onCancelForm: () => void;
};

/** The right of the till: the new-customer form, the selected customer, or how to find one. */
export function TillDetailColumn({ form, selected, currency, ...actions }: Props) {
  return (
    <div className="till-detail-column">
      {form !== null ? (
        <NewCustomerForm
          initial={form}
          onCreated={actions.onCreated}
          onSelectExisting={actions.onSelectExisting}
          onCancel={actions.onCancelForm}
        />
      ) : selected !== null ? (
        <CustomerPanel selected={selected} currency={currency} />
      ) : (
        <p className="muted hint">
          Scan the customer’s card or type a few letters of their name, their phone number or
          customer number. ↑ ↓ to move, Enter to choose, Esc to clear.
        </p>
      )}
    </div>
  );
}
