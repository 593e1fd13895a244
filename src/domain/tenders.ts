import { containsCardNumber } from './card-number-guard.ts';
import { formatAmount } from './money.ts';
import { fail, invalid, ok, type Result } from './result.ts';

/**
 * How a sale is paid. Cash may be more than what is due (change is given); a card
 * terminal payment carries only the terminal's reference, never a card number. A gift
 * card or store credit pays what is asked of it, or when no amount is given, as much of
 * what is still due as it holds (`available`). The sale settles once to check the request,
 * then again with `available` read under the account's lock, and that settlement is kept.
 */
export type TenderInput =
  | { kind: 'cash'; received: number }
  | { kind: 'card'; amount: number; reference: string }
  /** The credit of the return half of an exchange: never from outside callers. */
  | { kind: 'exchange'; amount: number }
  | StoredValueTenderInput;

export type StoredValueTenderInput =
  | { kind: 'gift_card'; amount?: number; available: number; giftCardId: string; reference: string }
  | { kind: 'store_credit'; amount?: number; available: number; accountId: string };

export type SettledTender =
  | { kind: 'cash'; amount: number; received: number; change: number }
  | { kind: 'card'; amount: number; reference: string }
  | { kind: 'exchange'; amount: number }
  | { kind: 'gift_card'; amount: number; giftCardId: string; reference: string }
  | { kind: 'store_credit'; amount: number; accountId: string };

function settleStoredValue(
  tender: StoredValueTenderInput,
  due: number,
  field: string,
  amount: (minor: number) => string,
): Result<SettledTender> {
  const wanted = tender.amount ?? Math.min(tender.available, due);
  if (!Number.isSafeInteger(wanted) || wanted <= 0) {
    return tender.amount === undefined
      ? fail(
          'insufficient_balance',
          due === 0
            ? `${field} is not needed: nothing is left to pay`
            : `${field} holds nothing to pay with`,
          {
            field,
            details: { balance: tender.available },
          },
        )
      : invalid(`${field}.amount`, `${field}.amount must be a positive amount`);
  }
  if (wanted > due) {
    return fail('tender_exceeds_total', `${field} pays more than is still due (${amount(due)})`, {
      field: `${field}.amount`,
    });
  }
  if (wanted > tender.available) {
    return fail('insufficient_balance', `${field} holds only ${amount(tender.available)}`, {
      field: `${field}.amount`,
      details: { balance: tender.available },
    });
  }
  return ok(
    tender.kind === 'gift_card'
      ? {
          kind: 'gift_card',
          amount: wanted,
          giftCardId: tender.giftCardId,
          reference: tender.reference,
        }
      : { kind: 'store_credit', amount: wanted, accountId: tender.accountId },
  );
}

export function checkFreeText(text: string, field: string): Result<string> {
  if (containsCardNumber(text)) {
    return fail(
      'card_number_refused',
      `${field} looks like a payment card number; never type card numbers here`,
      {
        field,
      },
    );
  }
  return ok(text);
}

/**
 * Applies tenders in order to what is due. Every part must be used (no card payment
 * beyond what is still due) and together they must cover the total exactly.
 */
export function settleTenders(
  total: number,
  tenders: readonly TenderInput[],
  /** For messages a cashier can read ("12.50 GBP", not "1250"). */
  currency = 'GBP',
): Result<SettledTender[]> {
  const amount = (minor: number) => `${formatAmount(minor, currency)} ${currency}`;
  if (tenders.length === 0 && total !== 0)
    return invalid('tenders', 'tenders must cover the total');
  let due = total;
  const settled: SettledTender[] = [];
  for (const [index, tender] of tenders.entries()) {
    const field = `tenders[${index}]`;
    if (tender.kind === 'cash') {
      if (!Number.isSafeInteger(tender.received) || tender.received <= 0) {
        return invalid(`${field}.received`, `${field}.received must be a positive amount`);
      }
      const amount = Math.min(tender.received, due);
      settled.push({
        kind: 'cash',
        amount,
        received: tender.received,
        change: tender.received - amount,
      });
      due -= amount;
      continue;
    }
    if (tender.kind === 'gift_card' || tender.kind === 'store_credit') {
      const stored = settleStoredValue(tender, due, field, amount);
      if (!stored.ok) return stored;
      settled.push(stored.value);
      due -= stored.value.amount;
      continue;
    }
    if (!Number.isSafeInteger(tender.amount) || tender.amount <= 0) {
      return invalid(`${field}.amount`, `${field}.amount must be a positive amount`);
    }
    if (tender.amount > due) {
      return fail('tender_exceeds_total', `${field} pays more than is still due (${amount(due)})`, {
        field: `${field}.amount`,
      });
    }
    if (tender.kind === 'exchange') {
      settled.push({ kind: 'exchange', amount: tender.amount });
      due -= tender.amount;
      continue;
    }
    const reference = tender.reference.trim();
    if (reference === '' || reference.length > 60) {
      return invalid(
        `${field}.reference`,
        `${field}.reference must hold the terminal's reference (1–60 characters)`,
      );
    }
    const checked = checkFreeText(reference, `${field}.reference`);
    if (!checked.ok) return checked;
    settled.push({ kind: 'card', amount: tender.amount, reference });
    due -= tender.amount;
  }
  if (due > 0) {
    return fail('tenders_short', `The tenders leave ${amount(due)} still to pay`, {
      field: 'tenders',
      details: { due },
    });
  }
  return ok(settled);
}
