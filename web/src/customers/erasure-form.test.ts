import { describe, expect, it } from 'vitest';
import { minor, points } from '@domain/units.ts';
import { ApiError } from '../api-error.ts';
import { erasureBlocker, heldText, owedFrom, owedFromRefusal } from './erasure-form.ts';

const owed = {
  storeCredit: [{ currency: 'GBP', amount: minor(1250) }],
  points: points(40),
};
const form = {
  owed,
  choices: {},
  reason: 'erasure request by email',
  confirm: '544357611',
  customerNumber: '544357611',
};

describe('the erasure form', () => {
  it('owes only the credit that can still be spent, and no negative points', () => {
    const credit = {
      accounts: [{ currency: 'GBP', balance: 1500, spendable: 1250, expiring: [] }],
      entries: [],
    };
    expect(owedFrom(credit, -5)).toEqual({
      storeCredit: [{ currency: 'GBP', amount: 1250 }],
      points: 0,
    });
  });

  it('says what the customer holds in the shop’s words', () => {
    expect(heldText(owed)).toBe('The customer still holds £12.50 store credit and 40 points.');
    expect(
      heldText({ storeCredit: [{ currency: 'GBP', amount: minor(0) }], points: points(0) }),
    ).toBe('The customer holds no store credit or points.');
  });

  it('keeps the button off with the server’s own words until each held kind has its choice', () => {
    expect(erasureBlocker(form)).toBe(
      'The customer still has store credit of 12.50 GBP (pay it out or forfeit it) and 40 points (forfeit them): choose what happens.',
    );
    expect(erasureBlocker({ ...form, choices: { storeCredit: 'paid_out' } })).toBe(
      'The customer still has 40 points (forfeit them): choose what happens.',
    );
    const chosen = { storeCredit: 'forfeited', points: 'forfeited' } as const;
    expect(erasureBlocker({ ...form, choices: chosen })).toBeNull();
  });

  it('then wants a reason and the customer number typed exactly', () => {
    const chosen = { storeCredit: 'paid_out', points: 'forfeited' } as const;
    expect(erasureBlocker({ ...form, choices: chosen, reason: ' x ' })).toBe(
      'Give a reason: it is written to the audit log.',
    );
    expect(erasureBlocker({ ...form, choices: chosen, confirm: '544357612' })).toBe(
      'Type the customer number 544357611 to confirm.',
    );
    expect(erasureBlocker({ ...form, owed: null })).toBe('Loading what the customer still holds…');
  });

  it('reads what is owed from a money_owed refusal, and nothing from any other', () => {
    const refusal = new ApiError(409, 'money_owed', 'owed', undefined, {
      owed: { storeCredit: [{ currency: 'EUR', amount: 300 }], points: 12 },
    });
    expect(owedFromRefusal(refusal)).toEqual({
      storeCredit: [{ currency: 'EUR', amount: 300 }],
      points: 12,
    });
    expect(owedFromRefusal(new ApiError(409, 'customer_erased', 'erased'))).toBeNull();
    expect(owedFromRefusal(new Error('network'))).toBeNull();
  });
});
