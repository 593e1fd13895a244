import { pointsForUnits } from './loyalty-earning.ts';

/** What the points rules need of a line that was sold. */
export type SoldLinePoints = {
  id: string;
  quantity: number;
  returnedQuantity: number;
  pointsEarned: number;
  pointsRedeemed: number;
};

/** What they need of a return line: negative quantity, and the line it brings back. */
export type ReturnLinePoints = {
  originalLineId: string | null;
  quantity: number;
  pointsEarned: number;
  pointsRedeemed: number;
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
): { lines: Line[]; earnedBack: number; redeemedBack: number } {
  let earnedBack = 0;
  let redeemedBack = 0;
  const lines = returned.map((line) => {
    const original = originals.find((candidate) => candidate.id === line.originalLineId);
    if (!original) return line;
    const units = -line.quantity;
    const earned = pointsForUnits(original.pointsEarned, original, units);
    const redeemed = pointsForUnits(original.pointsRedeemed, original, units);
    earnedBack += earned;
    redeemedBack += redeemed;
    return { ...line, pointsEarned: -earned, pointsRedeemed: -redeemed };
  });
  return { lines, earnedBack, redeemedBack };
}

/**
 * How many earned points a return takes back. Where the rules let a balance go below
 * zero, all that is due; otherwise only what the customer still has, the rest written
 * off, so a refund is never refused over points already spent.
 */
export function pointsToTakeBack(
  due: number,
  balance: number,
  rules: { allowNegativeBalance: boolean },
): number {
  return rules.allowNegativeBalance ? due : Math.min(due, Math.max(0, balance));
}
