import { cardNumberMessage } from '../../common/card-guard.ts';
import { parseAmount } from '../../common/money.ts';
import type { TenderInput } from '../../types.ts';

export type TenderFields = { cash: string; cardAmount: string; cardReference: string };

export type TenderCheck = {
  /** Card first, then cash: the server applies them in order and gives change from cash. */
  tenders: TenderInput[];
  change: number;
  toPay: number;
  /** Cash that pays exactly what the card leaves; card that pays what the cash leaves. */
  exactCash: number;
  cardRest: number;
  /** What stops Complete; the server has the last word on the total. */
  error: string | null;
  referenceError: string | null;
};

export function checkTenders(fields: TenderFields, due: number, currency: string): TenderCheck {
  const cash = parseAmount(fields.cash, currency);
  const card = parseAmount(fields.cardAmount, currency);
  const reference = fields.cardReference.trim();
  const referenceError = cardNumberMessage(reference, 'Terminal reference');
  const cashPart = cash ?? 0;
  const cardPart = card ?? 0;
  const afterCard = Math.max(0, due - cardPart);
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
              : due > 0 && cashPart === 0 && cardPart === 0
                ? 'Take cash or card'
                : null;
  const tenders: TenderInput[] = [];
  if (cardPart > 0) tenders.push({ kind: 'card', amount: cardPart, reference });
  if (cashPart > 0) tenders.push({ kind: 'cash', received: cashPart });
  return {
    tenders,
    change: Math.max(0, cashPart - afterCard),
    toPay: Math.max(0, afterCard - cashPart),
    exactCash: afterCard,
    cardRest: Math.max(0, due - cashPart),
    error,
    referenceError,
  };
}
