import type { SegmentDefinition } from '../insights/segments.ts';
import type { SegmentCriteria } from './segment-criteria.ts';

/**
 * The segments saved from the Insights page before criteria existed store one list's
 * filter ({ list, outletId, … }). They stay valid: each reads as the criteria that pick the
 * same customers (the order of a list does not change who is in it).
 *
 * - lapsed → lapsed: true
 * - birthdays in N days → birthdayDays: N
 * - top (by any order) → every customer with an insights row: topPercent 100
 * - RFM segment → rfmSegment
 */
export function criteriaOfListDefinition(definition: SegmentDefinition): SegmentCriteria {
  const outlet = definition.outletId === null ? {} : { outletId: definition.outletId };
  switch (definition.list) {
    case 'lapsed':
      return { lapsed: true, ...outlet };
    case 'birthdays':
      return { birthdayDays: definition.days, ...outlet };
    case 'top':
      return { topPercent: 100, ...outlet };
    case 'segment':
      return { rfmSegment: definition.segment, ...outlet };
  }
}

/** A stored definition from the Insights page has a `list`; a criteria one never does. */
export function isListDefinition(stored: Record<string, unknown>): boolean {
  return typeof stored.list === 'string';
}
