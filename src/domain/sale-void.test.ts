import { describe, expect, it } from 'vitest';
import { checkVoidable, type VoidCandidate } from './sale-void.ts';

const sale: VoidCandidate = {
  kind: 'sale',
  voidedAt: null,
  exchangeId: null,
  source: 'till',
  lines: [{ returnedQuantity: 0 }],
};

describe('whether a sale may be voided', () => {
  it('allows a whole live sale made here', () => {
    expect(checkVoidable(sale)).toEqual({ ok: true, value: sale });
  });

  it.each([
    ['a return', { kind: 'return' }, /not a return/],
    ['a voided sale', { voidedAt: new Date() }, /already been voided/],
    ['half an exchange', { exchangeId: 'x' }, /exchange/],
    ['imported history', { source: 'import' }, /Imported/],
    ['a sale with a returned unit', { lines: [{ returnedQuantity: 1 }] }, /returned/],
  ])('refuses %s', (_, change, message) => {
    const checked = checkVoidable({ ...sale, ...change });
    expect(checked).toMatchObject({ ok: false, code: 'sale_not_voidable' });
    expect(!checked.ok && checked.message).toMatch(message);
  });

  it('says a missing sale is not found', () => {
    expect(checkVoidable(undefined)).toMatchObject({ ok: false, code: 'sale_not_found' });
  });
});
