import { useState, type FormEvent, type RefObject } from 'react';
import { api } from '../../api.ts';
import { errorMessage } from '../../api-error.ts';
import { ErrorText } from '../../common/ErrorText.tsx';
import { formatDate } from '../../common/format.ts';
import { checkGiftCardNumber } from '../../common/gift-card-number.ts';
import { formatMoney } from '../../common/money.ts';
import type { GiftCardBalance, GiftCardState } from '@contract/stored-value.ts';

const stateWords: Record<GiftCardState, string> = {
  PENDING: 'not activated yet (it becomes active when sold)',
  ACTIVE: 'active',
  BLOCKED: 'blocked: it cannot pay; a supervisor can unblock it',
  DEACTIVATED: 'deactivated: it cannot be used again',
};

/**
 * The till's balance check: scan the card, see what it holds. Each check is logged and a
 * till may make only so many a minute, so guessing numbers gets nowhere.
 */
export function GiftCardCheck({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const [number, setNumber] = useState('');
  const [card, setCard] = useState<GiftCardBalance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkGiftCardNumber(number);
    setCard(null);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    setError(null);
    // Cleared at once, ready for the next scan; the answer names the card by its last digits.
    setNumber('');
    api
      .giftCardBalance(checked.number)
      .then(setCard)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => {
        setBusy(false);
        inputRef.current?.focus();
      });
  };

  const usable = card !== null && card.state === 'ACTIVE' && !card.expired;
  return (
    <section className="stack sale-panel" data-testid="gift-card-panel">
      <form className="row" onSubmit={check}>
        <label className="grow">
          Gift card balance
          <input
            ref={inputRef}
            className="till-search"
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            placeholder="Scan or type the gift card number, then Enter"
            data-testid="gift-card-check-input"
            value={number}
            onChange={(e) => {
              setNumber(e.target.value);
              setError(null);
            }}
          />
        </label>
        <button type="submit" data-testid="gift-card-check-submit" disabled={busy}>
          {busy ? 'Checking…' : 'Check balance'}
        </button>
      </form>
      <ErrorText message={error} testId="gift-card-check-error" />
      {card !== null && (
        <div className={usable ? 'stack' : 'stack warning'} data-testid="gift-card-check-result">
          <p className="change-due">
            Gift card <span className="mono">{card.number}</span> holds{' '}
            <strong data-testid="gift-card-check-balance">
              {formatMoney(card.balance, card.currency)}
            </strong>
          </p>
          <p>
            It is {card.expired ? 'expired: it cannot pay' : stateWords[card.state]}.
            {card.expiresAt !== null &&
              ` ${card.expired ? 'Expired' : 'Valid until'} ${formatDate(card.expiresAt)}.`}
          </p>
        </div>
      )}
      <p className="muted hint">
        To pay with a gift card, ring up the sale (F8) and scan the card on the payment screen. To
        sell one, use “Sell a gift card” in the sale.
      </p>
    </section>
  );
}
