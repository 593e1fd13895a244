import { describe, expect, it } from 'vitest';
import type { PurchaseSummaryRow } from '../../store/insight-summaries.ts';
import { createSummaryColumns } from './summary-columns.ts';

const rowAt = (i: number): PurchaseSummaryRow => ({
  customerId: `01a230cc-b555-72ad-9d02-${i.toString(16).padStart(12, '0')}`,
  visitDays: 1 + (i % 9),
  firstOn: '2025-01-0' + (1 + (i % 9)),
  lastOn: '2026-11-30',
  netSpend: 123_456_789_012 + i,
  firstDayNet: -5 + i,
  visitsInRuleWindow: i % 4,
  visits12m: i % 7,
  spend12m: 0.5 * i,
  homeOutletId: i % 3 === 0 ? null : `00000000-0000-7000-8000-00000000000${i % 3}`,
});

describe('summary columns', () => {
  it('gives back every row as it was pushed, past several doublings', () => {
    const columns = createSummaryColumns();
    for (let i = 0; i < 5000; i++) columns.push(rowAt(i));
    expect(columns.length).toBe(5000);
    for (const i of [0, 1, 1023, 1024, 2047, 4999]) expect(columns.row(i)).toEqual(rowAt(i));
    expect(columns.figures(4999)).toEqual({
      visitDays: rowAt(4999).visitDays,
      firstDay: Date.parse('2025-01-05T00:00:00Z') / 86_400_000,
      lastDay: Date.parse('2026-11-30T00:00:00Z') / 86_400_000,
      netSpend: 123_456_789_012 + 4999,
      firstDayNet: 4994,
      spend12m: 2499.5,
    });
  });
});
