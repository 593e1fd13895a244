import { negate, noPoints, points, type Points } from './units.ts';
import { pointsForUnits } from './loyalty-earning.ts';

/** What the points rules need of a line that was sold. */
export type SoldLinePoints = {
  id: string;
  quantity: number;
  returnedQuantity: number;
  pointsEarned: Points;
  pointsRedeemed: Points;
};

/** What they need of a return line: negative quantity, and the line it brings back. */
export type ReturnLinePoints = {
  originalLineId: string | null;
  quantity: number;
  pointsEarned: Points;
  pointsRedeemed: Points;
};

/**
 * The points that go with returned units: their share of what the line earned is taken
 * back and their share of the reward points spent on the sale is given back. Shares come
 * from the line's units in order (as refunds do), computed with the sold lines' returned
 * count not yet raised, so each unit's points move exactly once.
 */
export function pointsOfReturnedLines<Line extends ReturnLinePoints>(
  originals: readonly SoldLinePoints[],
  returned: readonly Line[],
): { lines: Line[]; earnedBack: Points; redeemedBack: Points } {
  let earnedBack = noPoints;
  let redeemedBack = noPoints;
  const lines = returned.map((line) => {
    const original = originals.find((candidate) => candidate.id === line.originalLineId);
    if (!original) return line;
    const units = -line.quantity;
    const earned = pointsForUnits(original.pointsEarned, original, units);
    const redeemed = pointsForUnits(original.pointsRedeemed, original, units);
    earnedBack = points(earnedBack + earned);
    redeemedBack = points(redeemedBack + redeemed);
    return { ...line, pointsEarned: negate(earned), pointsRedeemed: negate(redeemed) };
  });
  return { lines, earnedBack, redeemedBack };
}

/**
 * How many earned points a return takes back. Where the rules let a balance go below
 * zero, all that is due; otherwise only what the customer still has, the rest written
 * off, so a refund is never refused over points already spent.
 */
export function pointsToTakeBack(
  due: Points,
  balance: Points,
  rules: { allowNegativeBalance: boolean },
): Points {
  return rules.allowNegativeBalance ? due : points(Math.min(due, Math.max(0, balance)));
}
