import { useState } from 'react';
import { api } from '../../api.ts';
import { errorMessage } from '../../api-error.ts';
import { checkGiftCardNumber } from '../../common/gift-card-number.ts';
import type { GiftCardBalance } from '@contract/stored-value.ts';
import type { StoredTender } from './tenders.ts';

/** Why a checked card cannot pay, or null when it can. */
function unusable(card: GiftCardBalance, currency: string): string | null {
  if (card.currency !== currency) {
    return `Gift card ${card.number} holds ${card.currency}; this shop takes ${currency}.`;
  }
  if (card.state === 'PENDING') return `Gift card ${card.number} has not been activated (sold).`;
  if (card.state === 'BLOCKED') return `Gift card ${card.number} is blocked.`;
  if (card.state === 'DEACTIVATED') return `Gift card ${card.number} has been deactivated.`;
  if (card.expired) return `Gift card ${card.number} has expired.`;
  if (card.balance <= 0) return `Gift card ${card.number} is empty.`;
  return null;
}

/**
 * The gift card box of the payment screen: a number is checked (format, then the balance
 * look-up) and, when the card can pay, handed on as a tender.
 */
export function useGiftCardEntry(options: {
  currency: string;
  taken: readonly string[];
  onAdd: (tender: StoredTender) => void;
}) {
  const { currency, taken, onAdd } = options;
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (text: string) => {
    const checked = checkGiftCardNumber(text);
    if (!checked.ok) return setError(checked.message);
    if (taken.includes(checked.number)) return setError('This gift card is already paying.');
    setBusy(true);
    setError(null);
    try {
      const card = await api.giftCardBalance(checked.number);
      const problem = unusable(card, currency);
      if (problem !== null) return setError(problem);
      setNumber('');
      onAdd({
        kind: 'gift_card',
        number: checked.number,
        masked: card.number,
        balance: card.balance,
      });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    number,
    busy,
    error,
    add,
    change: (text: string) => {
      setNumber(text);
      setError(null);
    },
  };
}

export type GiftCardEntry = ReturnType<typeof useGiftCardEntry>;

/**
 * A scanner aimed at a gift card while the cash box has focus types its 12 digits there:
 * that is a card (no cash amount has 12 digits and a valid check digit), not cash.
 */
export function looksLikeGiftCard(text: string): boolean {
  const trimmed = text.trim();
  return /^\d{12}$/.test(trimmed) && checkGiftCardNumber(trimmed).ok;
}
