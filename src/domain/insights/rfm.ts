/**
 * RFM: recency, frequency and monetary value, each scored 1 (worst) to 5 (best) by
 * quintile among the customers scored together, and the 11 usual segment names.
 *
 * Scores by rank: a customer's score is 1 + ⌊5 × (share of customers strictly worse)⌋,
 * so equal values always share a score (a shop where most people came once gives them
 * all F = 1 rather than splitting identical customers across quintiles).
 *
 * Segments come from R and F alone, by the widely used R–F map (M is reported beside
 * them, not used for the name):
 *
 *   R \ F   1                 2–3                    4           5
 *   5       New Customers     Potential Loyalists    Champions   Champions
 *   4       Promising         Potential Loyalists    Loyal       Loyal
 *   3       About To Sleep    (2) About To Sleep,    Loyal       Loyal
 *                             (3) Need Attention
 *   1–2     Hibernating (R1F1: Lost)   (2) Hibernating, (3) At Risk   At Risk   Can't Lose Them
 *
 * The map's R1–2 F1–2 "Hibernating" cell is split: R = 1 and F = 1 (long gone, came
 * once) is "Lost", which gives the 11th name.
 */
export const segmentNames = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalists',
  'New Customers',
  'Promising',
  'Need Attention',
  'About To Sleep',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;
export type SegmentName = (typeof segmentNames)[number];

export type Score = 1 | 2 | 3 | 4 | 5;

export function isSegmentName(value: unknown): value is SegmentName {
  return (segmentNames as readonly unknown[]).includes(value);
}

/**
 * Quintile scores of `values`, higher values scoring higher. Pass negated values where
 * lower is better (days since the last visit). Non-finite values score 1.
 */
export function quintileScores(values: readonly number[]): Score[] {
  const n = values.length;
  // A typed array sorts numbers natively, many times faster than a comparator on 1M values.
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort();
  return values.map((value) => {
    if (!Number.isFinite(value)) return 1;
    const below = countBelow(sorted, value);
    return Math.min(5, Math.floor((5 * below) / n) + 1) as Score;
  });
}

/** How many entries of the ascending `sorted` are strictly below `value` (binary search). */
function countBelow(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The segment for an R and F score (see the map above). */
export function rfmSegment(r: Score, f: Score): SegmentName {
  if (r <= 2) {
    if (f === 5) return "Can't Lose Them";
    if (f >= 3) return 'At Risk';
    return r === 1 && f === 1 ? 'Lost' : 'Hibernating';
  }
  if (r === 3) {
    if (f >= 4) return 'Loyal Customers';
    return f === 3 ? 'Need Attention' : 'About To Sleep';
  }
  if (f === 1) return r === 5 ? 'New Customers' : 'Promising';
  if (f <= 3) return 'Potential Loyalists';
  return r === 5 ? 'Champions' : 'Loyal Customers';
}

export type RfmInput = { daysSinceLast: number; visits: number; spend: number };
export type RfmScores = { r: Score; f: Score; m: Score; segment: SegmentName };

/** R, F, M and the segment for each customer, scored against all the others given. */
export function scoreRfm(customers: readonly RfmInput[]): RfmScores[] {
  const r = quintileScores(customers.map((c) => -c.daysSinceLast));
  const f = quintileScores(customers.map((c) => c.visits));
  const m = quintileScores(customers.map((c) => c.spend));
  return customers.map((_, i) => ({
    r: r[i]!,
    f: f[i]!,
    m: m[i]!,
    segment: rfmSegment(r[i]!, f[i]!),
  }));
}

/**
 * Percentile of each value among all: the share (0–100) of values strictly below it,
 * so the best customer of 100 sits at 99 and is in the "top 1%".
 */
export function percentiles(values: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = values.length;
  return values.map((value) => (n === 0 ? 0 : (100 * countBelow(sorted, value)) / n));
}

/**
 * The "top N%" a percentile earns at the till, from a short list of round thresholds
 * (1, 5, 10, 20), or null when the customer is not in the top fifth.
 */
export function topPercent(percentile: number): number | null {
  for (const top of [1, 5, 10, 20]) if (percentile >= 100 - top) return top;
  return null;
}
