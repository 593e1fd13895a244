// eslint-disable-next-line no-restricted-imports -- the test reads its data file; the code under test stays pure.
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestTransactionFile, fitTransactionFile } from './backtest.ts';
import { readTransactionFile, type TransactionFile } from './transaction-file.ts';

function file(text: string, returns = false): TransactionFile {
  const read = readTransactionFile(text, { returns });
  if (!read.ok) throw new Error(read.message);
  return read.value;
}

// A lapsed regular (the rule's case), a newcomer who comes back twice, a quiet customer
// whose one earlier visit is outside the rule's window, and a holdout-only newcomer.
const small = file(
  [
    'customer,date,amount',
    'A,2024-01-01,10',
    'A,2024-02-01,10',
    'A,2024-03-01,10',
    'A,2024-04-01,10',
    'A,2024-07-10,10',
    'B,2024-06-20,30',
    'B,2024-06-20,-5',
    'B,2024-07-01,5',
    'B,2024-07-01,5',
    'B,2024-07-05,5',
    'C,2023-06-01,20',
    'C,2024-06-25,20',
    'D,2024-07-02,50',
  ].join('\n'),
  true,
);

describe('backtestTransactionFile', () => {
  const options = { calibrationEnd: '2024-06-30', unit: 'days', variant: 'mbg' } as const;

  it('counts holdout visit days of the calibration customers, grouped by their repeats', () => {
    const result = backtestTransactionFile(small, options);
    if (!result.ok) throw new Error(result.message);
    const report = result.value;
    expect([report.holdoutStart, report.holdoutEnd, report.holdoutLength]).toEqual([
      '2024-07-01',
      '2024-07-10',
      10,
    ]);
    expect(report.total).toMatchObject({ group: 'total', customers: 3, actual: 3 });
    expect(report.rows.map((row) => [row.group, row.customers, row.actual])).toEqual([
      ['0', 1, 2],
      ['1', 1, 0],
      ['2', 0, 0],
      ['3', 1, 1],
      ['4', 0, 0],
      ['5', 0, 0],
      ['6', 0, 0],
      ['7+', 0, 0],
    ]);
    expect(report.buyers).toBe(2);
  });

  it('ranks by recency and by the rule, ties counting half', () => {
    const result = backtestTransactionFile(small, options);
    if (!result.ok) throw new Error(result.message);
    // Bought again: A (lapsed by the rule, 90 days quiet) and B (10 days); not: C (5 days,
    // one visit in the window). Recency ranks C first: 0. Rule: A below C, B tied: ¼.
    expect(result.value.auc.recency).toBe(0);
    expect(result.value.auc.rule).toBe(0.25);
  });

  it('refuses a holdout that does not follow the calibration, and a calibration with no one', () => {
    const after = backtestTransactionFile(small, { ...options, holdoutEnd: '2024-06-30' });
    expect(after).toMatchObject({ ok: false, field: 'holdout-end' });
    const nothingLeft = backtestTransactionFile(small, {
      ...options,
      calibrationEnd: '2024-07-10',
    });
    expect(nothingLeft).toMatchObject({ ok: false, field: 'calibration-end' });
    const early = fitTransactionFile(small, { ...options, calibrationEnd: '2020-01-01' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.message).toMatch(/2023-06-01 to 2024-07-10/);
  });
});

describe('the backtest on the CDNOW sample (weeks 1–39, then 40–78)', () => {
  const dataFile = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    '..',
    'shared',
    'data',
    'cdnow-sample.txt',
  );
  const cdnow = file(readFileSync(dataFile, 'utf8'));

  it("gives the paper's 1,882 holdout purchases and BG/NBD's 1,653 forecast", () => {
    const result = backtestTransactionFile(cdnow, {
      calibrationEnd: '1997-09-30',
      unit: 'weeks',
      variant: 'bg',
    });
    if (!result.ok) throw new Error(result.message);
    const { fit, total, rows, holdoutLength, auc } = result.value;
    expect(holdoutLength).toBe(39);
    expect(fit.rhythm.params.r).toBeCloseTo(0.243, 3);
    expect(total).toMatchObject({ customers: 2357, actual: 1882 });
    expect(total.predicted).toBeGreaterThan(1653);
    expect(total.predicted).toBeLessThan(1656);
    expect(rows.reduce((sum, row) => sum + row.actual, 0)).toBe(1882);
    // BG/NBD calls every one-time buyer certainly active, so its P(active) ranks worse
    // than chance here: most who never came back are one-time buyers.
    expect(auc.pActive).toBeLessThan(0.5);
  });

  it('ranks who buys again better than chance with MBG/NBD, the default', () => {
    const result = backtestTransactionFile(cdnow, {
      calibrationEnd: '1997-09-30',
      unit: 'weeks',
      variant: 'mbg',
    });
    if (!result.ok) throw new Error(result.message);
    const { auc } = result.value;
    expect(auc.pActive).toBeGreaterThan(0.6);
    expect(auc.expected).toBeGreaterThan(0.7);
    expect(auc.recency).toBeGreaterThan(0.7);
    expect(result.value.fit.method).toEqual({ method: 'model', reason: null });
  });
});
