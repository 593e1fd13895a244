import { checkText } from './free-text.ts';
import { invalid, ok, type Result } from './result.ts';

/**
 * The register of data-subject requests (GDPR arts. 12, 15, 17, 20, 21): every request
 * to see one's data, to be erased or to object is written down when it arrives and must
 * be answered within one month of receipt (art. 12(3)).
 */
export const rightsRequestKinds = ['export', 'erasure', 'objection'] as const;
export type RightsRequestKind = (typeof rightsRequestKinds)[number];

export const requestedByMaxLength = 200;
export const outcomeMaxLength = 500;
export const noteMaxLength = 500;

/**
 * One calendar month after `requestedAt`, at the same time of day: 15 March → 15 April.
 * A day the next month does not have is clamped to its last day (31 January → 28 or 29
 * February, 31 March → 30 April) rather than rolling into the month after, as
 * JavaScript's setUTCMonth would: the deadline never passes a month. Calendar in UTC,
 * as the shop's other month arithmetic (src/domain/local-time.ts).
 */
export function dueDate(requestedAt: Date): Date {
  const year = requestedAt.getUTCFullYear();
  const month = requestedAt.getUTCMonth() + 1;
  // Day 0 of the month after next is the last day of next month.
  const lastDayOfNextMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const due = new Date(requestedAt);
  due.setUTCDate(1);
  due.setUTCMonth(month);
  due.setUTCDate(Math.min(requestedAt.getUTCDate(), lastDayOfNextMonth));
  return due;
}

/**
 * The reason staff give for acting on a customer's data (an export, an erasure): it goes
 * into the audit log, so short plain words and never a card number. `purpose` completes
 * the message: "reason must say why <purpose>".
 */
export function checkActionReason(reason: string, purpose: string): Result<string> {
  const why = reason.trim();
  if (why.length < 3) return invalid('reason', `reason must say why ${purpose}`);
  if (why.length > 200) return invalid('reason', 'reason must be at most 200 characters');
  return checkText(why, 'reason');
}

/** An open request is overdue once its due moment has passed; a done one never is. */
export function isOverdue(request: { dueAt: Date; doneAt: Date | null }, now: Date): boolean {
  return request.doneAt === null && now.getTime() > request.dueAt.getTime();
}

export type RightsRequestInput = {
  kind?: unknown;
  requestedBy?: unknown;
  /** When the request arrived, if earlier than now (a letter opened today); ISO 8601. */
  requestedAt?: unknown;
  note?: unknown;
};

export type RightsRequestDecision = {
  kind: RightsRequestKind;
  requestedBy: string;
  requestedAt: Date;
  dueAt: Date;
  note: string | null;
};

function requiredText(value: unknown, field: string, maxLength: number): Result<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return invalid(field, `${field} must not be empty`);
  }
  const text = value.trim();
  if (text.length > maxLength) {
    return invalid(field, `${field} must be at most ${maxLength} characters`);
  }
  return checkText(text, field);
}

/**
 * A request as the register keeps it. `requestedAt` may be given for a request that
 * arrived earlier (a letter, an email read the next morning), never in the future and
 * not more than a year back; the due date always runs from it.
 */
export function validateRightsRequest(
  input: RightsRequestInput,
  now: Date,
): Result<RightsRequestDecision> {
  if (!rightsRequestKinds.includes(input.kind as RightsRequestKind)) {
    return invalid('kind', `kind must be one of ${rightsRequestKinds.join(', ')}`);
  }
  const requestedBy = requiredText(input.requestedBy, 'requestedBy', requestedByMaxLength);
  if (!requestedBy.ok) return requestedBy;
  let requestedAt = now;
  if (input.requestedAt !== undefined && input.requestedAt !== null) {
    const given = typeof input.requestedAt === 'string' ? new Date(input.requestedAt) : null;
    if (!given || Number.isNaN(given.getTime())) {
      return invalid('requestedAt', 'requestedAt must be a date and time (ISO 8601)');
    }
    if (given.getTime() > now.getTime()) {
      return invalid('requestedAt', 'requestedAt cannot be in the future');
    }
    const yearAgo = new Date(now);
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    if (given.getTime() < yearAgo.getTime()) {
      return invalid('requestedAt', 'requestedAt cannot be more than a year ago');
    }
    requestedAt = given;
  }
  let note: string | null = null;
  if (input.note !== undefined && input.note !== null && input.note !== '') {
    const checked = requiredText(input.note, 'note', noteMaxLength);
    if (!checked.ok) return checked;
    note = checked.value;
  }
  return ok({
    kind: input.kind as RightsRequestKind,
    requestedBy: requestedBy.value,
    requestedAt,
    dueAt: dueDate(requestedAt),
    note,
  });
}

/** What was done, in a few words ("export emailed", "erased"): required to close a request. */
export function validateOutcome(outcome: unknown): Result<string> {
  return requiredText(outcome, 'outcome', outcomeMaxLength);
}
