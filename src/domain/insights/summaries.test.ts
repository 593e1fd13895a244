import { describe, expect, it } from 'vitest';
import { summariseTransactions, type SummaryOptions, type Transaction } from './summaries.ts';

const inDays: SummaryOptions = { calibrationEnd: '2026-03-31', unit: 'days' };

function summarise(transactions: Transaction[], options: SummaryOptions = inDays) {
  const result = summariseTransactions(transactions, options);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('customer summaries for the models', () => {
  it('counts repeat days, the last one’s time and the customer’s age', () => {
    const [john] = summarise([
      { customer: 'john', date: '2026-01-01', amount: 20 },
      { customer: 'john', date: '2026-01-31T10:00:00', amount: 30 },
      { customer: 'john', date: '2026-03-02', amount: 50 },
    ]);
    expect(john).toMatchObject({ customer: 'john', x: 2, tx: 60, T: 89, monetary: 40 });
    expect(john?.firstPurchase).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(john?.lastPurchase).toEqual(new Date('2026-03-02T00:00:00Z'));
  });

  it('measures in weeks when asked', () => {
    const [c] = summarise(
      [
        { customer: 1, date: '2026-01-01', amount: 5 },
        { customer: 1, date: '2026-01-15', amount: 5 },
      ],
      { calibrationEnd: '2026-01-29', unit: 'weeks' },
    );
    expect(c).toMatchObject({ x: 1, tx: 2, T: 4 });
  });

  it('counts one day’s purchases once, with their amounts summed', () => {
    const [c] = summarise([
      { customer: 'a', date: '2026-01-01', amount: 10 },
      { customer: 'a', date: '2026-02-01T09:00:00Z', amount: 10 },
      { customer: 'a', date: '2026-02-01T17:00:00Z', amount: 15 },
    ]);
    expect(c).toMatchObject({ x: 1, monetary: 25 });
  });

  it('nets returns within their day and drops a day that nets to nothing', () => {
    const [c] = summarise([
      { customer: 'a', date: '2026-01-01', amount: 10 },
      { customer: 'a', date: '2026-02-01', amount: 40 },
      { customer: 'a', date: '2026-02-01', amount: -15 },
      // Bought and brought back the same day: no visit that counts.
      { customer: 'a', date: '2026-03-01', amount: 30 },
      { customer: 'a', date: '2026-03-01', amount: -30 },
      // A return on its own day: not a purchase, and the sale it undoes still happened.
      { customer: 'a', date: '2026-03-10', amount: -25 },
    ]);
    expect(c).toMatchObject({ x: 1, tx: 31, monetary: 25 });
  });

  it('counts a day of free purchases (no return in it)', () => {
    const [c] = summarise([
      { customer: 'a', date: '2026-01-01', amount: 10 },
      { customer: 'a', date: '2026-01-11', amount: 0 },
    ]);
    expect(c).toMatchObject({ x: 1, tx: 10, monetary: 0 });
  });

  it('leaves the first purchase out of the spend and gives a one-time buyer none', () => {
    const [c] = summarise([{ customer: 'a', date: '2026-01-01', amount: 99 }]);
    expect(c).toMatchObject({ x: 0, tx: 0, T: 89, monetary: 0 });
  });

  it('ignores what happened after the calibration end and who started after it', () => {
    const summaries = summarise([
      { customer: 'a', date: '2026-03-01', amount: 10 },
      { customer: 'a', date: '2026-03-31T23:59:00', amount: 10 },
      { customer: 'a', date: '2026-04-01', amount: 10 },
      { customer: 'b', date: '2026-04-02', amount: 10 },
      { customer: 'c', date: '2026-03-05', amount: -10 },
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ customer: 'a', x: 1, tx: 30, T: 30 });
  });

  it('reads a Date on the calendar of a time zone when given one', () => {
    const late = new Date('2026-03-05T23:30:00Z');
    const utc = summarise([
      { customer: 'a', date: '2026-03-05', amount: 1 },
      { customer: 'a', date: late, amount: 1 },
    ]);
    expect(utc[0]?.x).toBe(0);
    const berlin = summarise(
      [
        { customer: 'a', date: '2026-03-05', amount: 1 },
        { customer: 'a', date: late, amount: 1 },
      ],
      { ...inDays, timeZone: 'Europe/Berlin' },
    );
    expect(berlin[0]).toMatchObject({ x: 1, tx: 1 });
  });

  it('names the transaction with an unreadable date or amount', () => {
    const bad = summariseTransactions(
      [
        { customer: 'a', date: '2026-01-01', amount: 1 },
        { customer: 'a', date: '2026-02-30', amount: 1 },
      ],
      inDays,
    );
    expect(bad).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field: 'transactions[1].date',
    });
    const nan = summariseTransactions([{ customer: 'a', date: new Date('x'), amount: 1 }], inDays);
    expect(nan).toMatchObject({ ok: false, field: 'transactions[0].date' });
    const amount = summariseTransactions(
      [{ customer: 'a', date: '2026-01-01', amount: Number.NaN }],
      inDays,
    );
    expect(amount).toMatchObject({ ok: false, field: 'transactions[0].amount' });
    const end = summariseTransactions([], { calibrationEnd: 'soon', unit: 'days' });
    expect(end).toMatchObject({ ok: false, field: 'calibrationEnd' });
  });
});
