import { cardNumberMessage } from '../../common/card-guard.ts';
import { formatMoney, parseAmount } from '../../common/money.ts';
import type { TenderInput } from '@contract/sales.ts';

export type TenderFields = { cash: string; cardAmount: string; cardReference: string };

/** A gift card (checked at the till) or the customer's store credit, offered as payment. */
export type StoredTender =
  | { kind: 'gift_card'; number: string; masked: string; balance: number }
  | { kind: 'store_credit'; spendable: number };

/** What one stored-value tender pays, and what is still to pay after it. */
export type StoredPart = { tender: StoredTender; pays: number; leaves: number };

export type TenderCheck = {
  /**
   * Gift cards and store credit first (each pays what it holds, up to what is left), then
   * card, then cash: the server applies them in order and gives change from cash.
   */
  tenders: TenderInput[];
  stored: StoredPart[];
  change: number;
  toPay: number;
  /** Cash that pays exactly what the rest leaves; card that pays what the rest leaves. */
  exactCash: number;
  cardRest: number;
  /** What stops Complete; the server has the last word on the total. */
  error: string | null;
  referenceError: string | null;
};

function storedParts(stored: readonly StoredTender[], due: number): StoredPart[] {
  let left = due;
  return stored.map((tender) => {
    const holds = tender.kind === 'gift_card' ? tender.balance : tender.spendable;
    const pays = Math.max(0, Math.min(holds, left));
    left -= pays;
    return { tender, pays, leaves: left };
  });
}

function storedInput(part: StoredPart): TenderInput {
  return part.tender.kind === 'gift_card'
    ? { kind: 'gift_card', number: part.tender.number, amount: part.pays }
    : { kind: 'store_credit', amount: part.pays };
}

export function checkTenders(
  fields: TenderFields,
  due: number,
  currency: string,
  stored: readonly StoredTender[] = [],
): TenderCheck {
  const cash = parseAmount(fields.cash, currency);
  const card = parseAmount(fields.cardAmount, currency);
  const reference = fields.cardReference.trim();
  const referenceError = cardNumberMessage(reference, 'Terminal reference');
  const parts = storedParts(stored, due);
  const afterStored = parts.at(-1)?.leaves ?? due;
  const cashPart = cash ?? 0;
  const cardPart = card ?? 0;
  const afterCard = Math.max(0, afterStored - cardPart);
  const toPay = Math.max(0, afterCard - cashPart);
  const error =
    cash === null
      ? 'Cash received must be an amount like 20.00'
      : card === null
        ? 'Card amount must be an amount like 20.00'
        : referenceError !== null
          ? referenceError
          : cardPart > 0 && reference === ''
            ? 'Type the card terminal’s reference'
            : cardPart === 0 && reference !== ''
              ? 'Type the amount paid by card'
              : cardPart > afterStored
                ? `The card pays more than is still due (${formatMoney(afterStored, currency)})`
                : toPay > 0
                  ? `${formatMoney(toPay, currency)} is still to pay: take cash, card or a gift card`
                  : null;
  const tenders: TenderInput[] = parts.filter((part) => part.pays > 0).map(storedInput);
  if (cardPart > 0) tenders.push({ kind: 'card', amount: cardPart, reference });
  if (cashPart > 0) tenders.push({ kind: 'cash', received: cashPart });
  return {
    tenders,
    stored: parts,
    change: Math.max(0, cashPart - afterCard),
    toPay,
    exactCash: afterCard,
    cardRest: Math.max(0, afterStored - cashPart),
    error,
    referenceError,
  };
}
