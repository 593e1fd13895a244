import { maxBirthdayDays } from '../insights/birthdays.ts';
import { isSegmentName } from '../insights/rfm.ts';
import { invalid, ok, type Failure, type Result } from '../result.ts';
import { minor } from '../units.ts';
import {
  emailConsentStates,
  segmentCriteria,
  type EmailConsentState,
  type SegmentCriteria,
} from './segment-criteria.ts';

/** Largest spend bound accepted: ten billion major units, far above any shop's figures. */
const maxSpend = 1e12;
const maxVisits = 100_000;
const maxWithinDays = 3650;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const whole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !isoDate.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const field = (key: string) => `definition.${key}`;

type Check = (value: unknown, key: string) => Failure | null;

const wholeCheck =
  (min: number, max: number, what: string): Check =>
  (value, key) =>
    whole(value, min, max) ? null : invalid(field(key), `${field(key)} must be ${what}`);

const textCheck: Check = (value, key) =>
  typeof value === 'string' && value.trim() !== '' && value.trim().length <= 80
    ? null
    : invalid(field(key), `${field(key)} must be 1–80 characters`);

const uuidCheck: Check = (value, key) =>
  typeof value === 'string' && uuid.test(value)
    ? null
    : invalid(field(key), `${field(key)} must be an id (UUID)`);

const dateCheck: Check = (value, key) =>
  isCalendarDate(value) ? null : invalid(field(key), `${field(key)} must be a date YYYY-MM-DD`);

const spendCheck = wholeCheck(0, maxSpend, 'a whole number of minor units ≥ 0');
const visitsCheck = wholeCheck(0, maxVisits, `a whole number from 0 to ${maxVisits}`);

/** How each criterion's value is checked on its own. */
const checks: Record<keyof SegmentCriteria, Check> = {
  groupId: uuidCheck,
  outletId: uuidCheck,
  rfmSegment: (value, key) =>
    isSegmentName(value) ? null : invalid(field(key), `${field(key)} must be an RFM segment name`),
  lapsed: (value, key) =>
    typeof value === 'boolean' ? null : invalid(field(key), `${field(key)} must be true or false`),
  birthdayDays: wholeCheck(1, maxBirthdayDays, `a whole number from 1 to ${maxBirthdayDays}`),
  topPercent: wholeCheck(1, 100, 'a whole number from 1 to 100'),
  spendMin: spendCheck,
  spendMax: spendCheck,
  visitsMin: visitsCheck,
  visitsMax: visitsCheck,
  lastVisitBefore: dateCheck,
  lastVisitAfter: dateCheck,
  lastVisitWithinDays: wholeCheck(1, maxWithinDays, `a whole number from 1 to ${maxWithinDays}`),
  boughtCategory: textCheck,
  boughtBrand: textCheck,
  emailConsent: (value, key) =>
    (emailConsentStates as readonly unknown[]).includes(value)
      ? null
      : invalid(field(key), `${field(key)} must be one of ${emailConsentStates.join(', ')}`),
};

/** Ranges read low to high; the field named is the upper bound. */
function checkRanges(criteria: SegmentCriteria): Failure | null {
  const pairs = [
    ['spendMin', 'spendMax'],
    ['visitsMin', 'visitsMax'],
  ] as const;
  for (const [low, high] of pairs) {
    const from = criteria[low];
    const to = criteria[high];
    if (from !== undefined && to !== undefined && from > to) {
      return invalid(field(high), `${field(high)} must not be below ${field(low)}`);
    }
  }
  const { lastVisitAfter: after, lastVisitBefore: before } = criteria;
  if (after !== undefined && before !== undefined && after >= before) {
    return invalid(
      field('lastVisitBefore'),
      `${field('lastVisitBefore')} must be later than ${field('lastVisitAfter')}`,
    );
  }
  return null;
}

/**
 * Checks a segment definition received as JSON: an object of known criteria, each well
 * formed, ranges low to high. Unknown keys are refused (a typo must not silently widen an
 * audience). A criterion given as null is the same as leaving it out. Text is trimmed.
 */
export function validateSegmentCriteria(input: unknown): Result<SegmentCriteria> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid('definition', 'definition must be an object of criteria');
  }
  const criteria: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(segmentCriteria as readonly string[]).includes(key)) {
      return invalid(field(key), `${field(key)} is not a segment criterion`);
    }
    if (value === null || value === undefined) continue;
    const failure = checks[key as keyof SegmentCriteria](value, key);
    if (failure) return failure;
    criteria[key] = typeof value === 'string' ? value.trim() : value;
  }
  for (const key of ['spendMin', 'spendMax'] as const) {
    if (criteria[key] !== undefined) criteria[key] = minor(criteria[key] as number);
  }
  const typed = criteria as SegmentCriteria;
  const range = checkRanges(typed);
  return range ?? ok(typed);
}

export function isEmailConsentState(value: unknown): value is EmailConsentState {
  return (emailConsentStates as readonly unknown[]).includes(value);
}
