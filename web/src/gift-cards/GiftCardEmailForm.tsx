import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { useSubmitOnce } from '../common/use-submit-once.ts';

/** Sends the card (number and barcode) by email, e.g. when a digital card's email went astray. */
export function GiftCardEmailForm({ cardId }: { cardId: string }) {
  const [to, setTo] = useState('');
  const once = useSubmitOnce((address: string) => api.emailGiftCard(cardId, address));
  const busy = once.busy;
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const address = to.trim();
    setSent(null);
    if (address === '') return setError('Type the email address to send the card to.');
    setError(null);
    const answer = await once.submit(address);
    if (answer.ok) setSent(`Sent to ${address}. The address is not kept.`);
    else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  return (
    <form className="stack" data-testid="gift-card-email" onSubmit={(e) => void send(e)}>
      <h2>Send by email</h2>
      <div className="row">
        <label className="grow">
          Email to
          <input
            type="email"
            autoComplete="off"
            data-testid="gift-card-email-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="gift-card-email-send" disabled={busy}>
          {busy ? 'Sending…' : 'Send card'}
        </button>
      </div>
      {sent !== null && (
        <p className="note" role="status" data-testid="gift-card-email-sent">
          {sent}
        </p>
      )}
      <ErrorText message={error} testId="gift-card-email-error" />
    </form>
  );
}
