import type { MatchedBy } from '../api.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

// The search's ways of matching: the contract lists them, so a new one fails the typecheck
// here until it has a label.
const matchedByLabels: Readonly<Record<MatchedBy, string>> = {
  number: 'customer no.',
  card: 'card',
  phone: 'phone',
  email: 'email',
  phone_ending: 'phone ending',
  name_prefix: 'name',
  name_fuzzy: 'similar name',
};

export function matchedByLabel(matchedBy: MatchedBy): string {
  return matchedByLabels[matchedBy];
}

/** "M, L , xl" -> ["M", "L", "xl"]: preferences are edited as comma-separated text. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function joinList(list: readonly string[] | undefined): string {
  return (list ?? []).join(', ');
}
