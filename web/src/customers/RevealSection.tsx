import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import type { Contacts } from '../api.ts';

type Props = {
  customerId: string;
  revealed: Contacts | null;
  onRevealed: (contacts: Contacts | null) => void;
};

/** Contact details are shown only with a reason, and the server logs every reveal (F17). */
export function RevealSection({ customerId, revealed, onRevealed }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce((why: string) => api.reveal(customerId, why));
  const busy = once.busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError('Give a reason: it is written to the audit log.');
      return;
    }
    setError(null);
    const answer = await once.submit(reason.trim());
    if (answer.ok) {
      onRevealed(answer.value.contacts);
      setReason('');
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  if (revealed !== null) {
    const a = revealed.address;
    return (
      <div className="revealed" data-testid="revealed-contacts">
        <p className="revealed-label">Contact details — this reveal is logged in the audit log</p>
        <dl className="facts">
          <div className="fact">
            <dt>Phone</dt>
            <dd>{revealed.phone ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>Email</dt>
            <dd>{revealed.email ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>Address</dt>
            <dd>
              {a === null
                ? '—'
                : [a.line1, a.line2, a.city, a.postcode, a.country].filter(Boolean).join(', ')}
            </dd>
          </div>
          <div className="fact">
            <dt>Birthday</dt>
            <dd>{revealed.birthday ?? '—'}</dd>
          </div>
        </dl>
        <button type="button" onClick={() => onRevealed(null)}>
          Hide
        </button>
      </div>
    );
  }

  return (
    <form className="stack reveal" onSubmit={(e) => void submit(e)}>
      <label>
        Reason for seeing the contact details
        <input
          data-testid="reveal-reason"
          autoComplete="off"
          placeholder="e.g. customer asked to check their email address"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <ErrorText message={error} />
      <div>
        <button type="submit" data-testid="reveal-button" disabled={busy}>
          {busy ? 'Revealing…' : 'Reveal contact details'}
        </button>
      </div>
    </form>
  );
}
