import { useCallback, useState, type FormEvent } from 'react';
import type { ErasureChoices as Choices, MoneyOwed } from '@domain/erasure.ts';
import { api, request } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useLoad } from '../common/use-load.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useCustomerLoyalty } from '../loyalty/use-customer-loyalty.ts';
import type { CustomerErasure, CustomerErasureBody } from '@contract/customers-erasure.ts';
import { ErasureChoices } from './ErasureChoices.tsx';
import { erasureBlocker, heldText, owedFrom, owedFromRefusal } from './erasure-form.ts';

type Props = {
  customer: { id: string; number: string };
  onErased: (report: CustomerErasure) => void;
};

const erase = (customerId: string, body: CustomerErasureBody, key: string) =>
  request<CustomerErasure>('POST', `/customers/${encodeURIComponent(customerId)}/erase`, body, {
    idempotencyKey: key,
  });

/** What the customer still holds, from the same store credit and points the profile shows. */
function useMoneyOwed(customerId: string): { owed: MoneyOwed | null; error: string | null } {
  const loader = useCallback(() => api.storeCredit(customerId), [customerId]);
  const credit = useLoad(loader);
  const loyalty = useCustomerLoyalty(customerId);
  if (credit.data === null || loyalty.data === null) {
    return { owed: null, error: credit.error ?? loyalty.error };
  }
  return { owed: owedFrom(credit.data, loyalty.data.balance), error: null };
}

/**
 * Erasing the customer (GDPR art. 17), for admins: what it does, what they still hold and
 * what happens to it, a reason, and the customer number typed to confirm. The money check
 * is the server's own rule, so the button stays off with its words until choices are made;
 * should the server still refuse (points given meanwhile), its answer shows and the form
 * asks for what it names.
 */
export function ErasureSection({ customer, onErased }: Props) {
  const loaded = useMoneyOwed(customer.id);
  const [refusedOwed, setRefusedOwed] = useState<MoneyOwed | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(
    (body: CustomerErasureBody, key: string) => erase(customer.id, body, key),
    [customer.id],
  );
  const once = useSubmitOnce(send);

  const owed = refusedOwed ?? loaded.owed;
  const blocker = erasureBlocker({
    owed,
    choices,
    reason,
    confirm,
    customerNumber: customer.number,
  });
  // The server's refusal stands until the form changes; then the screen's own check speaks.
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setProblem(null);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocker !== null) return;
    setProblem(null);
    const answer = await once.submit({
      reason: reason.trim(),
      ...(choices.storeCredit ? { storeCredit: choices.storeCredit } : {}),
      ...(choices.points ? { points: choices.points } : {}),
    });
    if (answer.ok) onErased(answer.value);
    else if (answer.error !== null) {
      setRefusedOwed(owedFromRefusal(answer.error));
      setProblem(errorMessage(answer.error));
    }
  };

  return (
    <section className="panel" data-testid="erasure">
      <h2>Erase personal data</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div>
          <p>
            Erasing deletes the customer’s contact details, name, notes and preferences, and their
            cards stop working. Purchases and the store credit and points ledgers are kept without
            the name, so the books still add up. <strong>This cannot be undone.</strong>
          </p>
          {owed !== null && <p data-testid="erasure-held">{heldText(owed)}</p>}
        </div>
        <ErrorText message={loaded.error} />
        {owed !== null && (
          <ErasureChoices owed={owed} choices={choices} onChoose={edit(setChoices)} />
        )}
        <div className="row">
          <label>
            Reason
            <input
              data-testid="erasure-reason"
              autoComplete="off"
              placeholder="e.g. erasure request by email"
              maxLength={200}
              value={reason}
              onChange={(e) => edit(setReason)(e.target.value)}
            />
          </label>
          <label>
            Type the customer number to confirm
            <input
              data-testid="erasure-confirm"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={confirm}
              onChange={(e) => edit(setConfirm)(e.target.value)}
            />
          </label>
        </div>
        {blocker !== null && problem === null && (
          <p className="muted" data-testid="erasure-blocker">
            {blocker}
          </p>
        )}
        <ErrorText message={problem} />
        <div>
          <button
            type="submit"
            className="danger"
            data-testid="erasure-button"
            disabled={blocker !== null || once.busy}
          >
            {once.busy ? 'Erasing…' : 'Erase personal data'}
          </button>
        </div>
      </form>
    </section>
  );
}
