import type { KeyboardEvent } from 'react';
import { ErrorText } from '../../common/ErrorText.tsx';
import { formatMoney } from '../../common/money.ts';
import { useCan } from '../../session.ts';
import type { StoredPart, StoredTender } from './tenders.ts';
import type { GiftCardEntry } from './use-gift-card-entry.ts';
import { useSpendableCredit } from './use-spendable-credit.ts';
import type { Who } from './use-sale-draft.ts';

type Props = {
  currency: string;
  customer: Who | null;
  parts: readonly StoredPart[];
  giftCard: GiftCardEntry;
  onAdd: (tender: StoredTender) => void;
  onRemove: (index: number) => void;
};

/**
 * Paying with stored value: scan a gift card (its balance is checked at once and shown with
 * what it pays and what is left), use the customer's store credit. Not a <form>: it sits in
 * the payment form, so Enter in the card box adds the card instead of completing the sale.
 */
export function StoredValueTenders({
  currency,
  customer,
  parts,
  giftCard,
  onAdd,
  onRemove,
}: Props) {
  const can = useCan();
  const spendable = useSpendableCredit(customer?.id ?? null, currency);
  const money = (amount: number) => formatMoney(amount, currency);
  const usingCredit = parts.some((part) => part.tender.kind === 'store_credit');

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!giftCard.busy && giftCard.number.trim() !== '') void giftCard.add(giftCard.number);
  };

  return (
    <div className="stack stored-tenders">
      {parts.map((part, index) => (
        <p key={index} className="row" data-testid="tender-stored">
          <span className="grow">
            {part.tender.kind === 'gift_card'
              ? `Gift card ${part.tender.masked} holds ${money(part.tender.balance)}`
              : `Store credit: ${money(part.tender.spendable)} to spend`}
            {'; pays '}
            <strong>{money(part.pays)}</strong>
            {'; '}
            {part.leaves > 0 ? `${money(part.leaves)} still to pay` : 'nothing left to pay'}
          </span>
          <button
            type="button"
            className="link-button"
            data-testid={`tender-stored-remove-${index + 1}`}
            onClick={() => onRemove(index)}
          >
            Remove
          </button>
        </p>
      ))}
      {can('giftcard.read') && (
        <div className="row">
          <label className="grow">
            Gift card
            <input
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              placeholder="Scan or type the gift card number, then Enter"
              data-testid="tender-gift-card-input"
              aria-busy={giftCard.busy}
              value={giftCard.number}
              onChange={(e) => giftCard.change(e.target.value)}
              onKeyDown={onKeyDown}
            />
          </label>
          <button
            type="button"
            data-testid="tender-gift-card-add"
            disabled={giftCard.busy || giftCard.number.trim() === ''}
            onClick={() => void giftCard.add(giftCard.number)}
          >
            {giftCard.busy ? 'Checking…' : 'Pay with gift card'}
          </button>
        </div>
      )}
      <ErrorText message={giftCard.error} testId="tender-gift-card-error" />
      {customer !== null && spendable !== null && spendable > 0 && !usingCredit && (
        <div className="row">
          <span className="grow" data-testid="tender-store-credit-available">
            {customer.name} has <strong>{money(spendable)}</strong> store credit to spend.
          </span>
          <button
            type="button"
            data-testid="tender-use-store-credit"
            onClick={() => onAdd({ kind: 'store_credit', spendable })}
          >
            Use store credit
          </button>
        </div>
      )}
    </div>
  );
}
