import { describe, expect, it } from 'vitest';
import {
  percentiles,
  quintileScores,
  rfmSegment,
  scoreRfm,
  segmentNames,
  topPercent,
  type Score,
} from './rfm.ts';

describe('RFM scores', () => {
  it('scores ten distinct values two to a quintile', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives equal values the same score', () => {
    expect(quintileScores([1, 1, 1, 1, 1, 1, 1, 2, 3, 4])).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 5, 5]);
  });

  it('scores a non-finite value 1 and never breaks the others', () => {
    expect(quintileScores([Number.NaN, 5, Infinity, 10])).toEqual([1, 1, 1, 2]);
  });

  it('scores recency by fewest days since the last visit', () => {
    const scores = scoreRfm([
      { daysSinceLast: 300, visits: 1, spend: 10 },
      { daysSinceLast: 2, visits: 9, spend: 900 },
    ]);
    expect(scores[1]).toMatchObject({ r: 3, f: 3, m: 3 });
    expect(scores[0]).toMatchObject({ r: 1, f: 1, m: 1, segment: 'Lost' });
  });

  it('maps every R and F to one of the 11 names, and uses all 11', () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r += 1)
      for (let f = 1; f <= 5; f += 1) used.add(rfmSegment(r as Score, f as Score));
    expect([...used].sort()).toEqual([...segmentNames].sort());
  });

  it('follows the usual map at its corners', () => {
    expect(rfmSegment(5, 5)).toBe('Champions');
    expect(rfmSegment(5, 1)).toBe('New Customers');
    expect(rfmSegment(4, 1)).toBe('Promising');
    expect(rfmSegment(3, 3)).toBe('Need Attention');
    expect(rfmSegment(3, 2)).toBe('About To Sleep');
    expect(rfmSegment(1, 5)).toBe("Can't Lose Them");
    expect(rfmSegment(2, 4)).toBe('At Risk');
    expect(rfmSegment(2, 2)).toBe('Hibernating');
    expect(rfmSegment(1, 1)).toBe('Lost');
    expect(rfmSegment(4, 4)).toBe('Loyal Customers');
    expect(rfmSegment(5, 3)).toBe('Potential Loyalists');
  });
});

describe('value percentiles', () => {
  it('puts the best of 100 at 99, in the top 1%', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const shares = percentiles(values);
    expect(shares[99]).toBe(99);
    expect(topPercent(shares[99]!)).toBe(1);
    expect(topPercent(shares[96]!)).toBe(5);
    expect(topPercent(shares[50]!)).toBeNull();
  });
});
