import { useState, type FormEvent, type RefObject } from 'react';
import { formatAmount, formatMoney } from '../../common/money.ts';
import type { TenderInput } from '@contract/sales.ts';
import type { Estimate } from './sale-lines.ts';
import { StoredValueTenders } from './StoredValueTenders.tsx';
import { checkTenders, type StoredTender, type TenderFields } from './tenders.ts';
import { looksLikeGiftCard, useGiftCardEntry } from './use-gift-card-entry.ts';
import type { Who } from './use-sale-draft.ts';

type Props = {
  estimate: Estimate;
  /** The amount is the server's price for the basket, not the till's estimate. */
  exact: boolean;
  /** The sale's customer, whose store credit may pay. */
  customer: Who | null;
  cashRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  error: string | null;
  onComplete: (tenders: TenderInput[]) => void;
  onBack: () => void;
};

/**
 * Taking payment, split as the customer likes: gift cards and store credit first, then the
 * external card terminal (only its reference; one that looks like a card number is refused
 * before it is sent) and cash (change shown). What is left to pay shows as it changes.
 */
export function TenderForm(props: Props) {
  const { estimate, exact, customer, cashRef, busy, error, onComplete, onBack } = props;
  const [stored, setStored] = useState<StoredTender[]>([]);
  const [fields, setFields] = useState<TenderFields>({
    cash: '',
    cardAmount: '',
    cardReference: '',
  });
  const [tried, setTried] = useState(false);
  const { total: due, currency } = estimate;
  const check = checkTenders(fields, due, currency, stored);
  const money = (amount: number) => formatMoney(amount, currency);
  const set = (key: keyof TenderFields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));
  const addStored = (tender: StoredTender) => {
    setStored((current) => [...current, tender]);
    cashRef.current?.focus();
  };
  const giftCard = useGiftCardEntry({
    currency,
    taken: stored.flatMap((tender) => (tender.kind === 'gift_card' ? [tender.number] : [])),
    onAdd: addStored,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (looksLikeGiftCard(fields.cash)) {
      // A gift card scanned into the cash box: it pays as a gift card, not as cash.
      setFields((current) => ({ ...current, cash: '' }));
      void giftCard.add(fields.cash);
      return;
    }
    setTried(true);
    if (check.error !== null || busy) return;
    onComplete(check.tenders);
  };

  return (
    <form className="stack tender-form" data-testid="sale-tenders" onSubmit={submit}>
      <p className="sale-due">
        To pay{!exact && <span className="muted"> (estimate)</span>}:{' '}
        <strong data-testid="sale-due">{money(due)}</strong>
      </p>
      <StoredValueTenders
        currency={currency}
        customer={customer}
        parts={check.stored}
        giftCard={giftCard}
        onAdd={addStored}
        onRemove={(index) => setStored((current) => current.filter((_, i) => i !== index))}
      />
      <div className="row">
        <label>
          Cash received
          <input
            ref={cashRef}
            autoFocus
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            data-testid="tender-cash"
            value={fields.cash}
            onChange={set('cash')}
          />
        </label>
        <button
          type="button"
          data-testid="tender-exact-cash"
          onClick={() =>
            setFields((current) => ({ ...current, cash: formatAmount(check.exactCash, currency) }))
          }
        >
          Exact cash
        </button>
      </div>
      <div className="row">
        <label>
          Card amount
          <input
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            data-testid="tender-card-amount"
            value={fields.cardAmount}
            onChange={set('cardAmount')}
          />
        </label>
        <label>
          Terminal reference
          <input
            autoComplete="off"
            spellCheck={false}
            maxLength={60}
            placeholder="from the card terminal’s slip"
            data-testid="tender-card-reference"
            aria-invalid={check.referenceError !== null}
            value={fields.cardReference}
            onChange={set('cardReference')}
          />
        </label>
        <button
          type="button"
          data-testid="tender-card-rest"
          onClick={() =>
            setFields((current) => ({
              ...current,
              cardAmount: formatAmount(check.cardRest, currency),
            }))
          }
        >
          Card for the rest
        </button>
      </div>
      {check.referenceError !== null && (
        <p className="error" role="alert" data-testid="tender-reference-error">
          {check.referenceError}
        </p>
      )}
      <p className="sale-change">
        {check.toPay > 0 ? (
          <>
            Still to pay: <strong data-testid="sale-to-pay">{money(check.toPay)}</strong>
          </>
        ) : (
          <>
            Change: <strong data-testid="sale-change">{money(check.change)}</strong>
          </>
        )}
      </p>
      {tried && check.error !== null && check.referenceError === null && (
        <p className="error" role="alert">
          {check.error}
        </p>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="sale-error">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary big"
          data-testid="sale-complete"
          disabled={busy || check.referenceError !== null}
        >
          {busy ? 'Completing…' : 'Complete sale (Enter)'}
        </button>
        <button type="button" data-testid="sale-back" disabled={busy} onClick={onBack}>
          Back to items
        </button>
      </div>
    </form>
  );
}
