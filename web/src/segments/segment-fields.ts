import type { SegmentName } from '@domain/insights/rfm.ts';
import type { EmailConsentState } from '@domain/segments/segment-criteria.ts';
import { validateSegmentCriteria } from '@domain/segments/segment-validation.ts';
import { formatAmount, parseAmount } from '../common/money.ts';
import type { SegmentCriteria } from '@contract/segments.ts';

/** The segment form's fields as typed: '' is "any" (the criterion is left out). */
export type SegmentFields = {
  groupId: string;
  rfmSegment: '' | SegmentName;
  lapsed: '' | 'yes' | 'no';
  birthdayDays: string;
  topPercent: string;
  spendMin: string;
  spendMax: string;
  visitsMin: string;
  visitsMax: string;
  lastVisitAfter: string;
  lastVisitBefore: string;
  lastVisitWithinDays: string;
  outletId: string;
  boughtCategory: string;
  boughtBrand: string;
  emailConsent: '' | EmailConsentState;
};

export const emptyFields: SegmentFields = {
  groupId: '',
  rfmSegment: '',
  lapsed: '',
  birthdayDays: '',
  topPercent: '',
  spendMin: '',
  spendMax: '',
  visitsMin: '',
  visitsMax: '',
  lastVisitAfter: '',
  lastVisitBefore: '',
  lastVisitWithinDays: '',
  outletId: '',
  boughtCategory: '',
  boughtBrand: '',
  emailConsent: '',
};

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function criteriaToFields(criteria: SegmentCriteria, currency: string): SegmentFields {
  const money = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : formatAmount(value, currency);
  return {
    groupId: criteria.groupId ?? '',
    rfmSegment: criteria.rfmSegment ?? '',
    lapsed: criteria.lapsed === true ? 'yes' : criteria.lapsed === false ? 'no' : '',
    birthdayDays: text(criteria.birthdayDays),
    topPercent: text(criteria.topPercent),
    spendMin: money(criteria.spendMin),
    spendMax: money(criteria.spendMax),
    visitsMin: text(criteria.visitsMin),
    visitsMax: text(criteria.visitsMax),
    lastVisitAfter: criteria.lastVisitAfter ?? '',
    lastVisitBefore: criteria.lastVisitBefore ?? '',
    lastVisitWithinDays: text(criteria.lastVisitWithinDays),
    outletId: criteria.outletId ?? '',
    boughtCategory: criteria.boughtCategory ?? '',
    boughtBrand: criteria.boughtBrand ?? '',
    emailConsent: criteria.emailConsent ?? '',
  };
}

type Read = { ok: true; definition: SegmentCriteria } | { ok: false; message: string };

const labels: Record<string, string> = {
  birthdayDays: 'Birthday within (days)',
  topPercent: 'Top value %',
  visitsMin: 'Visits from',
  visitsMax: 'Visits to',
  lastVisitWithinDays: 'Last visit within (days)',
  lastVisitBefore: 'Last visit before',
  lastVisitAfter: 'Last visit after',
  spendMin: 'Spend from',
  spendMax: 'Spend to',
};

/** The server's message in the form's words: "definition.spendMax" is "Spend to". */
const inFormWords = (message: string) =>
  message.replace(/definition\.(\w+)/g, (_, key: string) => `“${labels[key] ?? key}”`);

/** A whole number typed in a box, or null when it is not one. */
function whole(value: string): number | null {
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : null;
}

/**
 * The definition to count or save, or what to fix first. The range and format rules are
 * the server's own (validateSegmentCriteria), so the form and the API never disagree.
 */
export function readSegmentFields(fields: SegmentFields, currency: string): Read {
  const definition: Record<string, unknown> = {};
  const numbers = [
    'birthdayDays',
    'topPercent',
    'visitsMin',
    'visitsMax',
    'lastVisitWithinDays',
  ] as const;
  for (const key of numbers) {
    if (fields[key].trim() === '') continue;
    const value = whole(fields[key]);
    if (value === null) return { ok: false, message: `${labels[key]} must be a whole number.` };
    definition[key] = value;
  }
  for (const key of ['spendMin', 'spendMax'] as const) {
    if (fields[key].trim() === '') continue;
    const amount = parseAmount(fields[key], currency);
    if (amount === null) {
      return { ok: false, message: `Spend must be an amount like 25.00 (${currency}).` };
    }
    definition[key] = amount;
  }
  for (const key of [
    'groupId',
    'rfmSegment',
    'outletId',
    'emailConsent',
    'lastVisitAfter',
    'lastVisitBefore',
    'boughtCategory',
    'boughtBrand',
  ] as const) {
    if (fields[key].trim() !== '') definition[key] = fields[key].trim();
  }
  if (fields.lapsed !== '') definition.lapsed = fields.lapsed === 'yes';
  const checked = validateSegmentCriteria(definition);
  if (!checked.ok) {
    return { ok: false, message: inFormWords(checked.message) };
  }
  return { ok: true, definition: definition as SegmentCriteria };
}
