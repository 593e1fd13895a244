import { useState } from 'react';
import { request } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { useCan } from '../session.ts';
import type { Customer, CustomerAnswer } from '@contract/customers.ts';
import type { ProfilingObjectionBody } from '@contract/profiling-objection.ts';

type Props = { customer: Customer; onChanged: (customer: Customer) => void };

const setObjection = (customerId: string, body: ProfilingObjectionBody) =>
  request<CustomerAnswer>(
    'PUT',
    `/customers/${encodeURIComponent(customerId)}/profiling-objection`,
    body,
  );

/**
 * The customer's objection to profiling (GDPR art. 21): while it stands they are in no
 * rule-based group and in no computed insight, segment or campaign. Hand-picked groups stay.
 */
export function ProfilingSection({ customer, onChanged }: Props) {
  const can = useCan();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const objectedAt = customer.objectsToProfilingAt;
  const editable = can('customer.update') && customer.status === 'active';

  const change = async (objects: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = reason.trim();
      const answer = await setObjection(customer.id, {
        objects,
        ...(trimmed === '' ? {} : { reason: trimmed }),
      });
      setReason('');
      onChanged(answer.customer);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" data-testid="profiling-objection">
      <h2>Profiling</h2>
      <label className="check">
        <input
          type="checkbox"
          data-testid="profiling-objection-toggle"
          checked={objectedAt !== null}
          disabled={!editable || busy}
          onChange={(e) => void change(e.target.checked)}
        />{' '}
        Objects to profiling (kept out of VIP-style automatic groups, insights and campaigns)
      </label>
      <p className="muted" data-testid="profiling-objection-state">
        {objectedAt === null
          ? 'No objection: automatic groups follow their rules.'
          : `Objected ${formatDateTime(objectedAt)}. Hand-picked groups stay.`}
      </p>
      {editable && (
        <label>
          Reason (optional, kept in the history)
          <input
            type="text"
            maxLength={500}
            value={reason}
            disabled={busy}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      )}
      <ErrorText message={error} />
    </section>
  );
}
