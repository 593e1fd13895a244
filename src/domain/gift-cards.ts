import { minor, negate, noMoney, type Minor } from './units.ts';
import { dammCheckDigit, hasValidDammCheckDigit } from './check-digit.ts';
import { fail, invalid, ok, type Result } from './result.ts';

export const giftCardStates = ['PENDING', 'ACTIVE', 'BLOCKED', 'DEACTIVATED'] as const;
export type GiftCardState = (typeof giftCardStates)[number];

export const giftCardActivityKinds = [
  'ACTIVATE',
  'LOAD',
  'REDEEM',
  'REFUND',
  'ADJUST_INCREMENT',
  'ADJUST_DECREMENT',
  'CLEAR_BALANCE',
  'BLOCK',
  'UNBLOCK',
  'DEACTIVATE',
  'EXPIRE',
  'IMPORT',
] as const;
export type GiftCardActivityKind = (typeof giftCardActivityKinds)[number];

/**
 * Gift card numbers are 12 digits: 11 and a Damm check digit, so a mistyped digit or two
 * swapped neighbours are caught at the till. Twelve digits also keep them clear of the
 * 13–19 digit payment-card guard that protects free-text fields.
 */
export const giftCardNumberLength = 12;

export function giftCardNumber(body: string): string {
  return body + dammCheckDigit(body);
}

/**
 * Accepts our own 12-digit numbers (check digit verified) and, for cards imported from an
 * earlier system, other lengths of 8–20 digits, which the look-up then confirms.
 */
export function normaliseGiftCardNumber(raw: string, field = 'number'): Result<string> {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{8,20}$/.test(digits)) {
    return fail('invalid_gift_card_number', `${field} must be a gift card number (8–20 digits)`, {
      field,
    });
  }
  if (digits.length === giftCardNumberLength && !hasValidDammCheckDigit(digits)) {
    return fail(
      'invalid_gift_card_number',
      `${field} has a wrong check digit: mistyped or misread`,
      { field },
    );
  }
  return ok(digits);
}

/** The last four digits only, for receipts, tenders and logs. */
export function maskGiftCardNumber(number: string): string {
  return `•••• ${number.slice(-4)}`;
}

/** Numbers of a pre-printed range: a prefix, then a zero-padded serial, then the check digit. */
export function giftCardRange(prefix: string, first: number, count: number): Result<string[]> {
  if (!/^\d{1,6}$/.test(prefix)) return invalid('prefix', 'prefix must be 1–6 digits');
  if (!Number.isSafeInteger(count) || count < 1 || count > 100_000) {
    return invalid('count', 'count must be between 1 and 100000');
  }
  const serialDigits = giftCardNumberLength - 1 - prefix.length;
  if (!Number.isSafeInteger(first) || first < 0 || first + count > 10 ** serialDigits) {
    return invalid('first', `the range does not fit in ${serialDigits} serial digits`);
  }
  return ok(
    Array.from({ length: count }, (_, index) =>
      giftCardNumber(prefix + String(first + index).padStart(serialDigits, '0')),
    ),
  );
}

export type GiftCardSnapshot = {
  state: GiftCardState;
  balance: Minor;
  expiresAt: Date | null;
};

export type GiftCardOperation =
  | { kind: 'ACTIVATE' | 'IMPORT'; amount: Minor; expiresAt: Date | null }
  | { kind: 'LOAD' | 'REDEEM' | 'REFUND' | 'ADJUST_INCREMENT' | 'ADJUST_DECREMENT'; amount: Minor }
  | { kind: 'CLEAR_BALANCE' | 'BLOCK' | 'UNBLOCK' | 'DEACTIVATE' | 'EXPIRE' };

/** What an operation does: the signed change to the balance and the state after it. */
export type GiftCardChange = {
  kind: GiftCardActivityKind;
  amount: Minor;
  expectedState: GiftCardState;
  stateAfter: GiftCardState;
  balanceAfter: Minor;
};

const stateMessages: Record<
  GiftCardState,
  { code: 'gift_card_not_active' | 'gift_card_blocked' | 'gift_card_deactivated'; message: string }
> = {
  PENDING: { code: 'gift_card_not_active', message: 'This gift card has not been activated' },
  ACTIVE: { code: 'gift_card_not_active', message: 'This gift card is already active' },
  BLOCKED: { code: 'gift_card_blocked', message: 'This gift card is blocked' },
  DEACTIVATED: { code: 'gift_card_deactivated', message: 'This gift card has been deactivated' },
};

function wrongState(state: GiftCardState): Result<never> {
  const { code, message } = stateMessages[state];
  return fail(code, message, { details: { state } });
}

export function isExpired(card: GiftCardSnapshot, now: Date): boolean {
  return card.expiresAt !== null && card.expiresAt.getTime() <= now.getTime();
}

/** Which states each operation may start from. */
const allowedFrom: Record<GiftCardOperation['kind'], readonly GiftCardState[]> = {
  ACTIVATE: ['PENDING'],
  IMPORT: ['PENDING'],
  LOAD: ['ACTIVE'],
  REDEEM: ['ACTIVE'],
  REFUND: ['ACTIVE'],
  ADJUST_INCREMENT: ['ACTIVE', 'BLOCKED'],
  ADJUST_DECREMENT: ['ACTIVE', 'BLOCKED'],
  CLEAR_BALANCE: ['ACTIVE', 'BLOCKED'],
  BLOCK: ['ACTIVE'],
  UNBLOCK: ['BLOCKED'],
  DEACTIVATE: ['PENDING', 'ACTIVE', 'BLOCKED'],
  EXPIRE: ['ACTIVE', 'BLOCKED'],
};

const stateAfter: Partial<Record<GiftCardOperation['kind'], GiftCardState>> = {
  ACTIVATE: 'ACTIVE',
  IMPORT: 'ACTIVE',
  BLOCK: 'BLOCKED',
  UNBLOCK: 'ACTIVE',
  DEACTIVATE: 'DEACTIVATED',
};

/**
 * The gift card's rules, in one place: which operation is allowed in which state, and
 * what it does to the balance. The store applies the result with a guarded update that
 * repeats the state and balance checks, so a concurrent change can never slip between.
 */
export function planGiftCardChange(
  card: GiftCardSnapshot,
  operation: GiftCardOperation,
  now: Date,
  currencyLabel: (minor: number) => string = String,
): Result<GiftCardChange> {
  if (!allowedFrom[operation.kind].includes(card.state)) {
    if (operation.kind === 'UNBLOCK' && card.state === 'ACTIVE') {
      return fail('gift_card_not_blocked', 'This gift card is not blocked');
    }
    return wrongState(card.state);
  }
  const moves = [
    'ACTIVATE',
    'IMPORT',
    'LOAD',
    'REDEEM',
    'REFUND',
    'ADJUST_INCREMENT',
    'ADJUST_DECREMENT',
  ];
  if ('amount' in operation) {
    const minimum = operation.kind === 'ACTIVATE' || operation.kind === 'IMPORT' ? 0 : 1;
    if (!Number.isSafeInteger(operation.amount) || operation.amount < minimum) {
      return invalid(
        'amount',
        minimum === 0 ? 'amount must not be negative' : 'amount must be above 0',
      );
    }
  }
  const expired = isExpired(card, now);
  if (expired && ['LOAD', 'REDEEM', 'REFUND'].includes(operation.kind)) {
    const usable = checkCardCanPay(card, now);
    if (!usable.ok) return usable;
  }
  if (operation.kind === 'EXPIRE' && !expired) {
    return fail('gift_card_not_expired', 'This gift card has not reached its expiry date');
  }
  let amount = noMoney;
  if (moves.includes(operation.kind) && 'amount' in operation) {
    const debit = operation.kind === 'REDEEM' || operation.kind === 'ADJUST_DECREMENT';
    amount = debit ? negate(operation.amount) : operation.amount;
  } else if (['CLEAR_BALANCE', 'DEACTIVATE', 'EXPIRE'].includes(operation.kind)) {
    amount = negate(card.balance);
  }
  if (card.balance + amount < 0) {
    return fail(
      'insufficient_balance',
      `The gift card holds ${currencyLabel(card.balance)}, less than ${currencyLabel(-amount)}`,
      { field: 'amount', details: { balance: card.balance } },
    );
  }
  return ok({
    kind: operation.kind,
    amount,
    expectedState: card.state,
    stateAfter: stateAfter[operation.kind] ?? card.state,
    balanceAfter: minor(card.balance + amount),
  });
}

/** Whether a card can pay at all right now (any amount up to its balance). */
export function checkCardCanPay(card: GiftCardSnapshot, now: Date): Result<Minor> {
  if (card.state !== 'ACTIVE') return wrongState(card.state);
  if (isExpired(card, now)) {
    return fail('gift_card_expired', 'This gift card has expired', {
      details: { expiresAt: card.expiresAt?.toISOString() },
    });
  }
  return ok(card.balance);
}
