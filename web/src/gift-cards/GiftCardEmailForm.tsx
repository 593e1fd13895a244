import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';

/** Sends the card (number and barcode) by email, e.g. when a digital card's email went astray. */
export function GiftCardEmailForm({ cardId }: { cardId: string }) {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const address = to.trim();
    setSent(null);
    if (address === '') return setError('Type the email address to send the card to.');
    setBusy(true);
    setError(null);
    api
      .emailGiftCard(cardId, address)
      .then(() => setSent(`Sent to ${address}. The address is not kept.`))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="stack" data-testid="gift-card-email" onSubmit={send}>
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
