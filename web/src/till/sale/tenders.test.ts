import { describe, expect, it } from 'vitest';
import { checkTenders, type TenderFields } from './tenders.ts';

const fields = (cash: string, cardAmount = '', cardReference = ''): TenderFields => ({
  cash,
  cardAmount,
  cardReference,
});

describe('paying at the till', () => {
  it('gives change from cash', () => {
    const check = checkTenders(fields('20.00'), 1250, 'GBP');
    expect(check).toMatchObject({ change: 750, toPay: 0, exactCash: 1250, error: null });
    expect(check.tenders).toEqual([{ kind: 'cash', received: 2000 }]);
  });

  it('says what is still to pay', () => {
    const check = checkTenders(fields('5.00'), 1250, 'GBP');
    expect(check.toPay).toBe(750);
    expect(check.error).toBe('£7.50 is still to pay: take cash, card or a gift card');
  });

  it('takes card before cash, and cash pays the rest', () => {
    const check = checkTenders(fields('10.00', '5.00', 'T-123'), 1250, 'GBP');
    expect(check.tenders).toEqual([
      { kind: 'card', amount: 500, reference: 'T-123' },
      { kind: 'cash', received: 1000 },
    ]);
    expect(check).toMatchObject({ change: 250, exactCash: 750, cardRest: 250, error: null });
  });

  it('wants the terminal reference with a card amount, and an amount with a reference', () => {
    expect(checkTenders(fields('', '12.50'), 1250, 'GBP').error).toBe(
      'Type the card terminal’s reference',
    );
    expect(checkTenders(fields('12.50', '', 'T-1'), 1250, 'GBP').error).toBe(
      'Type the amount paid by card',
    );
  });

  it('refuses a card paying more than is due, and amounts that are not amounts', () => {
    expect(checkTenders(fields('', '13.00', 'T-1'), 1250, 'GBP').error).toBe(
      'The card pays more than is still due (£12.50)',
    );
    expect(checkTenders(fields('abc'), 1250, 'GBP').error).toBe(
      'Cash received must be an amount like 20.00',
    );
    expect(checkTenders(fields('', '1.234', 'T-1'), 1250, 'GBP').error).toBe(
      'Card amount must be an amount like 20.00',
    );
  });

  it('refuses a payment card number typed as the reference', () => {
    const check = checkTenders(fields('', '12.50', '4111 1111 1111 1111'), 1250, 'GBP');
    expect(check.referenceError).toMatch(/looks like a payment card number/);
    expect(check.error).toBe(check.referenceError);
  });

  it('spends gift cards and store credit first, each up to what it holds', () => {
    const check = checkTenders(fields(''), 3000, 'GBP', [
      { kind: 'gift_card', number: '6000000000001', masked: '•••• 0001', balance: 2000 },
      { kind: 'store_credit', spendable: 5000 },
    ]);
    expect(check.stored.map((part) => [part.pays, part.leaves])).toEqual([
      [2000, 1000],
      [1000, 0],
    ]);
    expect(check.tenders).toEqual([
      { kind: 'gift_card', number: '6000000000001', amount: 2000 },
      { kind: 'store_credit', amount: 1000 },
    ]);
    expect(check.error).toBeNull();
  });

  it('leaves out a stored tender that has nothing left to pay', () => {
    const check = checkTenders(fields(''), 1000, 'GBP', [
      { kind: 'gift_card', number: '6000000000001', masked: '•••• 0001', balance: 5000 },
      { kind: 'store_credit', spendable: 5000 },
    ]);
    expect(check.tenders).toEqual([{ kind: 'gift_card', number: '6000000000001', amount: 1000 }]);
  });
});
