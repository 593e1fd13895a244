import { containsCardNumber } from './card-number-guard.ts';
import { formatAmount } from './money.ts';
import { fail, invalid, ok, type Result } from './result.ts';

/**
 * How a sale is paid. Cash may be more than what is due (change is given); a card
 * terminal payment carries only the terminal's reference, never a card number. A gift
 * card or store credit pays what is asked of it, or when no amount is given, as much of
 * what is still due as it holds (`available`). The sale settles once to check the request,
 * then again with `available` read under the account's lock, and that settlement is kept.
 *
 * `H` says who holds each kind of stored value: the server's ids (the default), or what
 * the till's preview knows of them (the card number), so both settle with these rules.
 */
export type TenderInput<H extends StoredValueHolders = ServerHolders> =
  | { kind: 'cash'; received: number }
  | { kind: 'card'; amount: number; reference: string }
  /** The credit of the return half of an exchange: never from outside callers. */
  | { kind: 'exchange'; amount: number }
  | StoredValueTenderInput<H>;

/** Who a gift card and a store credit tender draw on; settling only carries it through. */
export type StoredValueHolders = { gift_card: object; store_credit: object };
export type ServerHolders = {
  gift_card: { giftCardId: string; reference: string };
  store_credit: { accountId: string };
};

export type StoredValueTenderInput<H extends StoredValueHolders = ServerHolders> =
  | ({ kind: 'gift_card'; amount?: number; available: number } & H['gift_card'])
  | ({ kind: 'store_credit'; amount?: number; available: number } & H['store_credit']);

export type SettledStoredValue<H extends StoredValueHolders = ServerHolders> =
  | ({ kind: 'gift_card'; amount: number } & H['gift_card'])
  | ({ kind: 'store_credit'; amount: number } & H['store_credit']);

export type SettledTender<H extends StoredValueHolders = ServerHolders> =
  | { kind: 'cash'; amount: number; received: number; change: number }
  | { kind: 'card'; amount: number; reference: string }
  | { kind: 'exchange'; amount: number }
  | SettledStoredValue<H>;

/** What a stored-value tender with no amount asked pays: what it holds, up to what is due. */
export function storedValuePays(available: number, due: number): number {
  return Math.max(0, Math.min(available, due));
}

function settleStoredValue<H extends StoredValueHolders>(
  tender: StoredValueTenderInput<H>,
  due: number,
  field: string,
  amount: (minor: number) => string,
): Result<SettledStoredValue<H>> {
  const wanted = tender.amount ?? storedValuePays(tender.available, due);
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
  // The holder (ids, or the card number at the till) is carried through as it came.
  const { amount: _asked, available: _held, ...holder } = tender;
  return ok({ ...holder, amount: wanted } as SettledStoredValue<H>);
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

/** What settling leaves: every tender's part, in order, and what is still due. */
export type TenderAmounts<H extends StoredValueHolders = ServerHolders> = {
  settled: SettledTender<H>[];
  due: number;
};

/**
 * The amounts of settling: applies tenders in order to what is due (stored value pays what
 * it holds up to what is left, a card or exchange no more than is still due, cash the rest
 * with change), stopping at the first tender whose amount cannot be taken. It neither asks
 * the tenders to cover the total nor reads a card's reference: settleTenders does both.
 * The till's preview calls it to show what is still to pay while a reference is missing.
 */
export function settleAmounts<H extends StoredValueHolders = ServerHolders>(
  total: number,
  tenders: readonly TenderInput<H>[],
  /** For messages a cashier can read ("12.50 GBP", not "1250"). */
  currency = 'GBP',
): Result<TenderAmounts<H>> {
  const amount = (minor: number) => `${formatAmount(minor, currency)} ${currency}`;
  let due = total;
  const settled: SettledTender<H>[] = [];
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
      const stored = settleStoredValue<H>(tender, due, field, amount);
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
    settled.push(
      tender.kind === 'exchange'
        ? { kind: 'exchange', amount: tender.amount }
        : { kind: 'card', amount: tender.amount, reference: tender.reference },
    );
    due -= tender.amount;
  }
  return ok({ settled, due });
}

/** A card payment names the terminal's slip, and nothing that looks like a card number. */
function checkCardReference(reference: string, field: string): Result<string> {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.length > 60) {
    return invalid(
      `${field}.reference`,
      `${field}.reference must hold the terminal's reference (1–60 characters)`,
    );
  }
  return checkFreeText(trimmed, `${field}.reference`);
}

/**
 * Applies tenders in order to what is due. Every part must be used (no card payment
 * beyond what is still due) and together they must cover the total exactly. The amounts
 * are checked first (settleAmounts), then the card references, then that nothing is left.
 */
export function settleTenders<H extends StoredValueHolders = ServerHolders>(
  total: number,
  tenders: readonly TenderInput<H>[],
  /** For messages a cashier can read ("12.50 GBP", not "1250"). */
  currency = 'GBP',
): Result<SettledTender<H>[]> {
  if (tenders.length === 0 && total !== 0)
    return invalid('tenders', 'tenders must cover the total');
  const applied = settleAmounts(total, tenders, currency);
  if (!applied.ok) return applied;
  const settled: SettledTender<H>[] = [];
  for (const [index, tender] of applied.value.settled.entries()) {
    if (tender.kind !== 'card') {
      settled.push(tender);
      continue;
    }
    const reference = checkCardReference(tender.reference, `tenders[${index}]`);
    if (!reference.ok) return reference;
    settled.push({ ...tender, reference: reference.value });
  }
  const { due } = applied.value;
  if (due > 0) {
    return fail(
      'tenders_short',
      `The tenders leave ${formatAmount(due, currency)} ${currency} still to pay`,
      { field: 'tenders', details: { due } },
    );
  }
  return ok(settled);
}
