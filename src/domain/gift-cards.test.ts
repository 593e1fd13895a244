import { minor, type Minor } from './units.ts';
import { describe, expect, it } from 'vitest';
import {
  giftCardRange,
  normaliseGiftCardNumber,
  planGiftCardChange,
  type GiftCardOperation,
  type GiftCardSnapshot,
} from './gift-cards.ts';
import { drawFromLots, spendableCredit } from './store-credit.ts';

const now = new Date('2026-11-22T12:00:00Z');
const card = (
  state: GiftCardSnapshot['state'],
  balance: number,
  expiresAt: Date | null = null,
) => ({
  state,
  balance: minor(balance),
  expiresAt,
});

describe('gift card numbers', () => {
  it('makes ranges with a check digit that catches a mistyped digit', () => {
    const range = giftCardRange('77', 1, 3);
    if (!range.ok) throw new Error(range.message);
    expect(range.value).toHaveLength(3);
    for (const number of range.value) {
      expect(number).toMatch(/^77\d{10}$/);
      expect(normaliseGiftCardNumber(number).ok).toBe(true);
      const typo = number.slice(0, 5) + ((Number(number[5]) + 1) % 10) + number.slice(6);
      expect(normaliseGiftCardNumber(typo)).toMatchObject({
        ok: false,
        code: 'invalid_gift_card_number',
      });
    }
    expect(
      normaliseGiftCardNumber(`${range.value[0]!.slice(0, 4)} ${range.value[0]!.slice(4)}`),
    ).toEqual({
      ok: true,
      value: range.value[0],
    });
  });

  it.each([
    ['abc', 'not digits'],
    ['1234', 'too short'],
  ])('refuses %s (%s)', (raw) => {
    expect(normaliseGiftCardNumber(raw)).toMatchObject({
      ok: false,
      code: 'invalid_gift_card_number',
    });
  });

  it('refuses ranges that do not fit', () => {
    expect(giftCardRange('123456', 99_999, 2).ok).toBe(false);
    expect(giftCardRange('12', 0, 0).ok).toBe(false);
    expect(giftCardRange('1x', 0, 1).ok).toBe(false);
  });
});

describe('gift card rules', () => {
  const table: [string, GiftCardSnapshot, GiftCardOperation, string | number][] = [
    [
      'activates a pending card',
      card('PENDING', 0),
      { kind: 'ACTIVATE', amount: minor(2500), expiresAt: null },
      2500,
    ],
    [
      'will not activate twice',
      card('ACTIVE', 100),
      { kind: 'ACTIVATE', amount: minor(2500), expiresAt: null },
      'gift_card_not_active',
    ],
    [
      'redeems up to the balance',
      card('ACTIVE', 1000),
      { kind: 'REDEEM', amount: minor(1000) },
      -1000,
    ],
    [
      'will not overspend',
      card('ACTIVE', 999),
      { kind: 'REDEEM', amount: minor(1000) },
      'insufficient_balance',
    ],
    [
      'will not redeem a pending card',
      card('PENDING', 0),
      { kind: 'REDEEM', amount: minor(1) },
      'gift_card_not_active',
    ],
    [
      'will not redeem a blocked card',
      card('BLOCKED', 500),
      { kind: 'REDEEM', amount: minor(1) },
      'gift_card_blocked',
    ],
    [
      'will not redeem a deactivated card',
      card('DEACTIVATED', 0),
      { kind: 'REDEEM', amount: minor(1) },
      'gift_card_deactivated',
    ],
    [
      'will not redeem an expired card',
      card('ACTIVE', 500, new Date('2026-01-01')),
      { kind: 'REDEEM', amount: minor(1) },
      'gift_card_expired',
    ],
    [
      'refuses a negative amount',
      card('ACTIVE', 500),
      { kind: 'LOAD', amount: minor(-5) },
      'validation_failed',
    ],
    [
      'refuses a zero redemption',
      card('ACTIVE', 500),
      { kind: 'REDEEM', amount: minor(0) },
      'validation_failed',
    ],
    [
      'refuses a fractional amount',
      card('ACTIVE', 500),
      // Past the type, as a caller that skipped the schema could send it: the rule still refuses.
      { kind: 'LOAD', amount: 1.5 as Minor },
      'validation_failed',
    ],
    ['refunds to an active card', card('ACTIVE', 0), { kind: 'REFUND', amount: minor(700) }, 700],
    [
      'adjusts a blocked card',
      card('BLOCKED', 100),
      { kind: 'ADJUST_DECREMENT', amount: minor(100) },
      -100,
    ],
    ['clears the balance', card('ACTIVE', 4321), { kind: 'CLEAR_BALANCE' }, -4321],
    ['deactivation forfeits the balance', card('BLOCKED', 50), { kind: 'DEACTIVATE' }, -50],
    [
      'unblocks only a blocked card',
      card('ACTIVE', 50),
      { kind: 'UNBLOCK' },
      'gift_card_not_blocked',
    ],
    [
      'expires only after the date',
      card('ACTIVE', 50, new Date('2027-01-01')),
      { kind: 'EXPIRE' },
      'gift_card_not_expired',
    ],
    [
      'expires the whole balance',
      card('ACTIVE', 50, new Date('2026-01-01')),
      { kind: 'EXPIRE' },
      -50,
    ],
  ];
  it.each(table)('%s', (_name, snapshot, operation, expected) => {
    const plan = planGiftCardChange(snapshot, operation, now);
    if (typeof expected === 'string') expect(plan).toMatchObject({ ok: false, code: expected });
    else expect(plan).toMatchObject({ ok: true, value: { amount: expected } });
  });

  it('moves the state as the operation says', () => {
    const state = (snapshot: GiftCardSnapshot, operation: GiftCardOperation) => {
      const plan = planGiftCardChange(snapshot, operation, now);
      return plan.ok ? plan.value.stateAfter : plan.code;
    };
    expect(state(card('ACTIVE', 1), { kind: 'BLOCK' })).toBe('BLOCKED');
    expect(state(card('BLOCKED', 1), { kind: 'UNBLOCK' })).toBe('ACTIVE');
    expect(state(card('PENDING', 0), { kind: 'DEACTIVATE' })).toBe('DEACTIVATED');
    expect(state(card('DEACTIVATED', 0), { kind: 'UNBLOCK' })).toBe('gift_card_deactivated');
  });
});

describe('store credit lots', () => {
  const lot = (
    id: string,
    remaining: number,
    expiresAt: string | null,
    createdAt = '2026-01-01',
  ) => ({
    id,
    remaining: minor(remaining),
    expiresAt: expiresAt ? new Date(expiresAt) : null,
    createdAt: new Date(createdAt),
  });

  it('spends the credit that expires soonest first, never-expiring credit last', () => {
    const lots = [
      lot('never', 1000, null),
      lot('late', 500, '2027-06-01'),
      lot('soon', 300, '2026-12-01'),
    ];
    expect(drawFromLots(lots, minor(700), now)).toEqual([
      { lotId: 'soon', amount: 300 },
      { lotId: 'late', amount: 400 },
    ]);
    expect(drawFromLots(lots, minor(1801), now)).toBeNull();
  });

  it('does not spend credit already past its expiry', () => {
    const lots = [lot('gone', 500, '2026-11-01'), lot('kept', 200, null)];
    expect(spendableCredit(lots, now)).toBe(200);
    expect(drawFromLots(lots, minor(300), now)).toBeNull();
  });
});
