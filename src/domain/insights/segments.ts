import { invalid, ok, type Result } from '../result.ts';
import { maxBirthdayDays } from './birthdays.ts';
import { isSegmentName, type SegmentName } from './rfm.ts';

/**
 * A saved segment is the filter of one of the Insights lists, stored by name and
 * evaluated when used (a campaign reads its members then), so it never holds a customer
 * list that could go stale or keep someone who objected to profiling since.
 */
export const insightLists = ['lapsed', 'birthdays', 'top', 'segment'] as const;
export type InsightList = (typeof insightLists)[number];

export const topOrders = ['value', 'spend', 'frequency'] as const;
export type TopOrder = (typeof topOrders)[number];

export type SegmentDefinition =
  | { list: 'lapsed'; outletId: string | null }
  | { list: 'birthdays'; days: number; outletId: string | null }
  | { list: 'top'; by: TopOrder; outletId: string | null }
  | { list: 'segment'; segment: SegmentName; outletId: string | null };

export function validateSegmentName(name: string): Result<string> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 80) {
    return invalid('name', 'name must be 1–80 characters');
  }
  return ok(trimmed);
}

/** Checks a definition received as JSON; the field named is under `definition`. */
export function validateSegmentDefinition(input: {
  list: string;
  outletId?: string | null;
  days?: number;
  by?: string;
  segment?: string;
}): Result<SegmentDefinition> {
  const outletId = input.outletId ?? null;
  switch (input.list) {
    case 'lapsed':
      return ok({ list: 'lapsed', outletId });
    case 'birthdays': {
      const days = input.days;
      if (!Number.isInteger(days) || days! < 1 || days! > maxBirthdayDays) {
        return invalid(
          'definition.days',
          `days must be a whole number from 1 to ${maxBirthdayDays}`,
        );
      }
      return ok({ list: 'birthdays', days: days!, outletId });
    }
    case 'top': {
      if (!(topOrders as readonly unknown[]).includes(input.by)) {
        return invalid('definition.by', `by must be one of ${topOrders.join(', ')}`);
      }
      return ok({ list: 'top', by: input.by as TopOrder, outletId });
    }
    case 'segment':
      if (!isSegmentName(input.segment)) {
        return invalid('definition.segment', 'segment must be one of the RFM segment names');
      }
      return ok({ list: 'segment', segment: input.segment, outletId });
    default:
      return invalid('definition.list', `list must be one of ${insightLists.join(', ')}`);
  }
}
