import { minor } from '@domain/units.ts';
import {
  settleAmounts,
  settleTenders,
  storedValuePays,
  type TenderInput as SettleInput,
} from '@domain/tenders.ts';
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

/** At the till a gift card is known by its number; the server looks up its id. */
type TillHolders = { gift_card: { number: string }; store_credit: object };
type TillTender = SettleInput<TillHolders>;

function storedInput({ tender }: StoredPart): TillTender {
  return tender.kind === 'gift_card'
    ? { kind: 'gift_card', number: tender.number, available: tender.balance }
    : { kind: 'store_credit', available: tender.spendable };
}

/** The tender as POST /sales takes it; stored value asks for what it pays here. */
function requestOf(tender: TillTender, pays: number): TenderInput {
  if (tender.kind === 'gift_card')
    return { kind: 'gift_card', number: tender.number, amount: minor(pays) };
  if (tender.kind === 'store_credit') return { kind: 'store_credit', amount: minor(pays) };
  return tender as TenderInput;
}

/**
 * What is left after the tenders, by the server's rules (src/domain/tenders.ts): the
 * amounts are the domain's, checked before the reference is, so "still to pay" follows
 * what the cashier types. Null when a tender's amount cannot be taken.
 */
function amountsOf(due: number, tenders: readonly TillTender[], currency: string) {
  const applied = settleAmounts<TillHolders>(due, tenders, currency);
  return applied.ok ? applied.value : null;
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
  // Each stored tender pays as the domain says one with no amount asked does.
  let left = due;
  const parts = stored.map((tender) => {
    const pays = storedValuePays(
      tender.kind === 'gift_card' ? tender.balance : tender.spendable,
      left,
    );
    left -= pays;
    return { tender, pays, leaves: left };
  });
  const afterStored = left;
  const paying = parts.filter((part) => part.pays > 0);
  const storedInputs = paying.map(storedInput);
  const cashPart = cash ?? 0;
  const cardPart = card ?? 0;
  const cashInput: TillTender[] = cashPart > 0 ? [{ kind: 'cash', received: cashPart }] : [];
  const cardInput = (amount: number): TillTender[] =>
    amount > 0 ? [{ kind: 'card', amount, reference }] : [];
  // A card asked to pay more than is still due is refused by the domain; what the screen
  // shows meanwhile is the card paying all it may.
  const cardTooMuch = amountsOf(due, [...storedInputs, ...cardInput(cardPart)], currency) === null;
  const cardPays = cardTooMuch ? afterStored : cardPart;
  // What is sent is what was typed; the server refuses what the error above refuses.
  const tenders = [...storedInputs, ...cardInput(cardPart), ...cashInput];
  const paid = amountsOf(due, [...storedInputs, ...cardInput(cardPays), ...cashInput], currency);
  const toPay = paid?.due ?? 0;
  const cashSettled = paid?.settled.find((tender) => tender.kind === 'cash');
  const change = cashSettled?.kind === 'cash' ? cashSettled.change : 0;
  const exactCash = amountsOf(due, [...storedInputs, ...cardInput(cardPays)], currency)?.due ?? 0;
  const cardRest = amountsOf(due, [...storedInputs, ...cashInput], currency)?.due ?? 0;
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
              : cardTooMuch
                ? `The card pays more than is still due (${formatMoney(afterStored, currency)})`
                : toPay > 0
                  ? `${formatMoney(toPay, currency)} is still to pay: take cash, card or a gift card`
                  : settlementProblem(due, tenders, currency);
  return {
    tenders: tenders.map((tender, index) => requestOf(tender, paying[index]?.pays ?? 0)),
    stored: parts,
    change,
    toPay,
    exactCash,
    cardRest,
    error,
    referenceError,
  };
}

/** Anything else the server would refuse (a reference over 60 characters), in its words. */
function settlementProblem(due: number, tenders: readonly TillTender[], currency: string) {
  const settled = settleTenders<TillHolders>(due, tenders, currency);
  return settled.ok ? null : settled.message;
}
