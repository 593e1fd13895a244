/**
 * What will expire when, soonest first: lots that expire at the same moment are one
 * line, so "85 points expire on 30 Nov" never hides another 85 expiring that day.
 * Lots that never expire are left out.
 */
export function expiringByDate(
  lots: readonly { remaining: number; expiresAt: Date | null }[],
): { remaining: number; expiresAt: Date }[] {
  const byMoment = new Map<number, number>();
  for (const lot of lots) {
    if (lot.expiresAt === null || lot.remaining === 0) continue;
    const moment = lot.expiresAt.getTime();
    byMoment.set(moment, (byMoment.get(moment) ?? 0) + lot.remaining);
  }
  return [...byMoment.entries()]
    .sort(([a], [b]) => a - b)
    .map(([moment, remaining]) => ({ remaining, expiresAt: new Date(moment) }));
}
