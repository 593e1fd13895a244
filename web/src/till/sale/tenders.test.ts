import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '@domain/money.ts';
import { settleTenders, type TenderInput as SettleInput } from '@domain/tenders.ts';
import type { TenderInput } from '@contract/sales.ts';
import { checkTenders, type StoredTender, type TenderFields } from './tenders.ts';

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

describe('the till and the server settle alike', () => {
  /** The request as the server settles it, with the balances the till was shown. */
  const serverInput =
    (stored: readonly StoredTender[]) =>
    (tender: TenderInput): SettleInput => {
      if (tender.kind === 'gift_card') {
        const card = stored.find((s) => s.kind === 'gift_card' && s.number === tender.number);
        return {
          kind: 'gift_card',
          amount: tender.amount,
          available: card?.kind === 'gift_card' ? card.balance : 0,
          giftCardId: tender.number ?? '',
          reference: 'gift card',
        };
      }
      if (tender.kind === 'store_credit') {
        const credit = stored.find((s) => s.kind === 'store_credit');
        return {
          kind: 'store_credit',
          amount: tender.amount,
          available: credit?.kind === 'store_credit' ? credit.spendable : 0,
          accountId: 'account',
        };
      }
      return tender as SettleInput;
    };
  const amount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }));
  const storedTenders = fc
    .tuple(fc.array(amount, { maxLength: 2 }), fc.option(amount, { nil: undefined }))
    .map(([cards, credit]): StoredTender[] => [
      ...cards.map((balance, index): StoredTender => ({
        kind: 'gift_card',
        number: `600000000000${index}`,
        masked: `•••• 000${index}`,
        balance,
      })),
      ...(credit === undefined ? [] : [{ kind: 'store_credit' as const, spendable: credit }]),
    ]);

  it('the server takes the preview’s tenders exactly when the preview has no error', () => {
    fc.assert(
      fc.property(
        amount,
        storedTenders,
        amount,
        amount,
        fc.boolean(),
        (due, stored, card, cash, withReference) => {
          const typed = (minor: number) => (minor === 0 ? '' : formatAmount(minor, 'GBP'));
          const check = checkTenders(
            fields(typed(cash), typed(card), card > 0 && withReference ? 'T-1' : ''),
            due,
            'GBP',
            stored,
          );
          const settled = settleTenders(due, check.tenders.map(serverInput(stored)), 'GBP');
          expect(settled.ok).toBe(check.error === null);
          if (!settled.ok) return;
          const cashPart = settled.value.find((tender) => tender.kind === 'cash');
          expect(check.change).toBe(cashPart?.kind === 'cash' ? cashPart.change : 0);
          expect(check.toPay).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
