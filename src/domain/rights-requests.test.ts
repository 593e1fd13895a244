import { describe, expect, it } from 'vitest';
import { dueDate, isOverdue, validateOutcome, validateRightsRequest } from './rights-requests.ts';

const at = (iso: string) => new Date(iso);

describe('dueDate: one calendar month after the request', () => {
  it.each([
    ['2026-03-15T10:30:00.000Z', '2026-04-15T10:30:00.000Z'],
    ['2026-01-31T09:00:00.000Z', '2026-02-28T09:00:00.000Z'],
    ['2028-01-31T09:00:00.000Z', '2028-02-29T09:00:00.000Z'],
    ['2026-03-31T23:59:59.000Z', '2026-04-30T23:59:59.000Z'],
    ['2026-12-31T12:00:00.000Z', '2027-01-31T12:00:00.000Z'],
    ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-02-28T08:00:00.000Z', '2026-03-28T08:00:00.000Z'],
    ['2026-08-31T08:00:00.000Z', '2026-09-30T08:00:00.000Z'],
  ])('%s is due %s', (requested, due) => {
    expect(dueDate(at(requested)).toISOString()).toBe(due);
  });

  it('never runs past the end of the next month, whatever the day', () => {
    for (let day = 0; day < 366 * 2; day++) {
      const requested = new Date(Date.UTC(2027, 0, 1 + day, 13, 5));
      const due = dueDate(requested);
      const months =
        (due.getUTCFullYear() - requested.getUTCFullYear()) * 12 +
        due.getUTCMonth() -
        requested.getUTCMonth();
      expect(months).toBe(1);
      expect(due.getUTCDate()).toBeLessThanOrEqual(requested.getUTCDate());
      expect(due.getUTCHours()).toBe(13);
    }
  });
});

describe('isOverdue', () => {
  const dueAt = at('2026-02-28T09:00:00.000Z');
  it('is not overdue up to the due moment, and is after it', () => {
    expect(isOverdue({ dueAt, doneAt: null }, dueAt)).toBe(false);
    expect(isOverdue({ dueAt, doneAt: null }, at('2026-02-28T09:00:01.000Z'))).toBe(true);
  });
  it('a done request is never overdue', () => {
    expect(isOverdue({ dueAt, doneAt: at('2026-03-05T00:00:00Z') }, at('2026-04-01'))).toBe(false);
  });
});

describe('validateRightsRequest', () => {
  const now = at('2026-12-01T10:00:00.000Z');
  it('keeps a request received now, due in a month', () => {
    const result = validateRightsRequest(
      { kind: 'erasure', requestedBy: '  by email  ', note: '' },
      now,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'erasure',
        requestedBy: 'by email',
        requestedAt: now,
        dueAt: at('2027-01-01T10:00:00.000Z'),
        note: null,
      },
    });
  });
  it('runs the due date from an earlier arrival', () => {
    const result = validateRightsRequest(
      { kind: 'export', requestedBy: 'letter', requestedAt: '2026-10-31T08:00:00Z' },
      now,
    );
    expect(result.ok && result.value.dueAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
  it.each([
    [{ kind: 'delete', requestedBy: 'x' }, 'kind'],
    [{ kind: 'export' }, 'requestedBy'],
    [{ kind: 'export', requestedBy: '   ' }, 'requestedBy'],
    [{ kind: 'export', requestedBy: 'x'.repeat(201) }, 'requestedBy'],
    [{ kind: 'export', requestedBy: 'x', requestedAt: 'yesterday' }, 'requestedAt'],
    [{ kind: 'export', requestedBy: 'x', requestedAt: '2026-12-02T00:00:00Z' }, 'requestedAt'],
    [{ kind: 'export', requestedBy: 'x', requestedAt: '2025-11-30T00:00:00Z' }, 'requestedAt'],
    [{ kind: 'export', requestedBy: 'x', note: 'n'.repeat(501) }, 'note'],
  ])('refuses %j at %s', (input, field) => {
    expect(validateRightsRequest(input, now)).toMatchObject({ ok: false, field });
  });
  it('refuses a card number in who asked', () => {
    expect(
      validateRightsRequest({ kind: 'export', requestedBy: '4111 1111 1111 1111' }, now),
    ).toMatchObject({ ok: false, code: 'card_number_refused', field: 'requestedBy' });
  });
  it('an outcome is required to close a request', () => {
    expect(validateOutcome('')).toMatchObject({ ok: false, field: 'outcome' });
    expect(validateOutcome(' export emailed ')).toEqual({ ok: true, value: 'export emailed' });
  });
});
