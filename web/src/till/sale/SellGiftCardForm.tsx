import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api.ts';
import { ApiError, errorMessage } from '../../api-error.ts';
import { ErrorText } from '../../common/ErrorText.tsx';
import { checkGiftCardNumber } from '../../common/gift-card-number.ts';
import { formatMoney, parseAmount } from '../../common/money.ts';
import { useCan } from '../../session.ts';
import type { ValueLine } from './value-lines.ts';

type Props = {
  currency: string;
  /** Card numbers already on the sale: a card is sold once per sale. */
  taken: readonly string[];
  onAdd: (line: ValueLine) => void;
  onCancel: () => void;
};

type Kind = 'physical' | 'digital';

/**
 * Selling a gift card: scan the card from the rack (a new one is activated, an active one
 * topped up) or send a digital one by email; then the amount. The card is looked up first
 * so a blocked or foreign card is refused here, not at payment.
 */
export function SellGiftCardForm({ currency, taken, onAdd, onCancel }: Props) {
  const can = useCan();
  const [kind, setKind] = useState<Kind>('physical');
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const [amountText, setAmountText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const money = (amount: number) => formatMoney(amount, currency);
  const amountRef = useRef<HTMLInputElement>(null);

  // A scanner ends the card number with Enter: on to the amount, unless it is already typed.
  const toAmount = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || amountText.trim() !== '') return;
    event.preventDefault();
    amountRef.current?.focus();
  };

  /** What the balance check says about the card: a note for the line, or why not. */
  const lookUp = async (digits: string, amount: number): Promise<{ note: string | null }> => {
    if (!can('giftcard.read')) return { note: null };
    try {
      const card = await api.giftCardBalance(digits);
      if (card.currency !== currency) {
        throw new Error(`This gift card holds ${card.currency}; this shop sells in ${currency}.`);
      }
      if (card.state === 'PENDING') return { note: 'new card: this sale activates it' };
      if (card.state === 'BLOCKED') throw new Error('This gift card is blocked.');
      if (card.state === 'DEACTIVATED') throw new Error('This gift card has been deactivated.');
      if (card.expired) throw new Error('This gift card has expired.');
      return {
        note: `holds ${money(card.balance)}; this tops it up to ${money(card.balance + amount)}`,
      };
    } catch (err) {
      // Only a definite answer stops the sale; a busy or unreachable server has the last word later.
      const definite =
        !(err instanceof ApiError) ||
        err.code.startsWith('gift_card') ||
        err.code === 'invalid_gift_card_number';
      if (definite) throw err;
      return { note: null };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(amountText, currency);
    const checked = kind === 'physical' ? checkGiftCardNumber(number) : null;
    const address = email.trim();
    const problem =
      checked !== null && !checked.ok
        ? checked.message
        : checked?.ok && taken.includes(checked.number)
          ? 'This card is already on the sale.'
          : kind === 'digital' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)
            ? 'Type the email address the card is sent to.'
            : amount === null || amount === 0
              ? 'Type the amount to put on the card, like 20.00.'
              : null;
    setError(problem);
    if (problem !== null || amount === null) return;
    if (checked === null || !checked.ok) {
      onAdd({ kind: 'gift_card', number: null, email: address, amount, note: null });
      return;
    }
    setBusy(true);
    try {
      const { note } = await lookUp(checked.number, amount);
      onAdd({ kind: 'gift_card', number: checked.number, email: null, amount, note });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack warning"
      data-testid="sell-gift-card"
      onSubmit={(event) => void submit(event)}
    >
      <div className="row" role="radiogroup" aria-label="Which gift card">
        <label className="check">
          <input
            type="radio"
            name="gift-card-kind"
            data-testid="sell-gift-card-physical"
            checked={kind === 'physical'}
            onChange={() => setKind('physical')}
          />{' '}
          Card from the rack (scan it)
        </label>
        <label className="check">
          <input
            type="radio"
            name="gift-card-kind"
            data-testid="sell-gift-card-digital"
            checked={kind === 'digital'}
            onChange={() => setKind('digital')}
          />{' '}
          Digital card, sent by email
        </label>
      </div>
      <div className="row">
        {kind === 'physical' ? (
          <label className="grow">
            Card number
            <input
              autoFocus
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              placeholder="Scan the card’s barcode"
              data-testid="sell-gift-card-number"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              onKeyDown={toAmount}
            />
          </label>
        ) : (
          <label className="grow">
            Email to
            <input
              autoFocus
              type="email"
              autoComplete="off"
              data-testid="sell-gift-card-email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              onKeyDown={toAmount}
            />
          </label>
        )}
        <label>
          Amount
          <input
            ref={amountRef}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            data-testid="sell-gift-card-amount"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
          />
        </label>
      </div>
      <ErrorText message={error} testId="sell-gift-card-error" />
      <div className="row">
        <button type="submit" className="primary" data-testid="sell-gift-card-add" disabled={busy}>
          {busy ? 'Checking the card…' : 'Add gift card to sale'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
