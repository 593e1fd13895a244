import { describe, expect, it } from 'vitest';
import { formatTable, percentile, summarise } from '../bench/stats.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it.each([
    { sorted: hundred, p: 50, expected: 50 },
    { sorted: hundred, p: 95, expected: 95 },
    { sorted: hundred, p: 99, expected: 99 },
    { sorted: hundred, p: 100, expected: 100 },
    { sorted: hundred, p: 0, expected: 1 },
    { sorted: [15, 20, 35, 40, 50], p: 30, expected: 20 },
    { sorted: [15, 20, 35, 40, 50], p: 40, expected: 20 },
    { sorted: [15, 20, 35, 40, 50], p: 50, expected: 35 },
    { sorted: [3, 6, 7, 8, 8, 10, 13, 15, 16, 20], p: 25, expected: 7 },
    { sorted: [3, 6, 7, 8, 8, 10, 13, 15, 16, 20], p: 75, expected: 15 },
    { sorted: [42], p: 99, expected: 42 },
  ])('p$p of $sorted.length samples is $expected', ({ sorted, p, expected }) => {
    expect(percentile(sorted, p)).toBe(expected);
  });

  it('always returns one of the samples', () => {
    const sorted = [0.3, 1.7, 2.2];
    for (let p = 0; p <= 100; p += 0.5) expect(sorted).toContain(percentile(sorted, p));
  });

  it('refuses no samples and percentages outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarise', () => {
  it('sorts the samples itself and reports n, p50, p95, p99 and max', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(summarise(samples)).toEqual({ n: 200, p50: 100, p95: 190, p99: 198, max: 200 });
  });
});

describe('formatTable', () => {
  it('left-aligns the first column and right-aligns the others', () => {
    expect(
      formatTable(
        ['kind', 'ms'],
        [
          ['card', '1.25'],
          ['email', '10.5'],
        ],
      ),
    ).toBe(['kind     ms', '-----  ----', 'card   1.25', 'email  10.5'].join('\n'));
  });
});
