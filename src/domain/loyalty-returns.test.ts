import { points } from './units.ts';
import { describe, expect, it } from 'vitest';
import { pointsOfReturnedLines, pointsToTakeBack } from './loyalty-returns.ts';

describe('points of returned lines', () => {
  const sold = {
    id: 'line-1',
    quantity: 3,
    returnedQuantity: 0,
    pointsEarned: points(10),
    pointsRedeemed: points(5),
  };

  it('takes back each returned unit’s share once, however the units come back', () => {
    const first = pointsOfReturnedLines(
      [sold],
      [
        {
          originalLineId: 'line-1',
          quantity: -1,
          pointsEarned: points(0),
          pointsRedeemed: points(0),
        },
      ],
    );
    const rest = pointsOfReturnedLines(
      [{ ...sold, returnedQuantity: 1 }],
      [
        {
          originalLineId: 'line-1',
          quantity: -2,
          pointsEarned: points(0),
          pointsRedeemed: points(0),
        },
      ],
    );
    expect(first.earnedBack + rest.earnedBack).toBe(10);
    expect(first.redeemedBack + rest.redeemedBack).toBe(5);
    expect(first.lines[0]).toMatchObject({ pointsEarned: -first.earnedBack });
  });

  it('leaves a line that brings back nothing sold as it is', () => {
    const line = {
      originalLineId: null,
      quantity: -1,
      pointsEarned: points(0),
      pointsRedeemed: points(0),
    };
    expect(pointsOfReturnedLines([sold], [line])).toEqual({
      lines: [line],
      earnedBack: 0,
      redeemedBack: 0,
    });
  });
});

describe('points taken back', () => {
  it('is all that is due where a balance may go below zero', () => {
    expect(pointsToTakeBack(points(40), points(10), { allowNegativeBalance: true })).toBe(40);
  });

  it('is at most what the customer has otherwise, never below zero', () => {
    expect(pointsToTakeBack(points(40), points(10), { allowNegativeBalance: false })).toBe(10);
    expect(pointsToTakeBack(points(40), points(100), { allowNegativeBalance: false })).toBe(40);
    expect(pointsToTakeBack(points(40), points(-5), { allowNegativeBalance: false })).toBe(0);
  });
});
