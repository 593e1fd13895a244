/**
 * The area under the ROC curve of a score against a yes/no outcome, as the Mann–Whitney
 * statistic: the chance that a randomly drawn positive scores above a randomly drawn
 * negative, ties counting one half. 1 is a perfect ranking, 0.5 no better than chance.
 *
 * Computed from ranks (mid-ranks for ties) in O(n log n), so it scales to a shop's whole
 * customer base; the pairwise definition is what the tests check it against.
 */
export interface Scored {
  /** Higher means "more likely positive". Must be finite. */
  readonly score: number;
  readonly positive: boolean;
}

/** Null when there is no positive or no negative: the area is then undefined. */
export function auc(items: readonly Scored[]): number | null {
  const sorted = [...items].sort((one, other) => one.score - other.score);
  let positives = 0;
  let rankSum = 0;
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]!.score === sorted[start]!.score) end += 1;
    // Ranks start + 1 … end + 1 are tied: each gets their mean.
    const midRank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) {
      if (sorted[i]!.positive) {
        positives += 1;
        rankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
