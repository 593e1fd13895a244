import { describe, expect, it } from 'vitest';
import type { Receipt } from './receipts.ts';
import { formatReceiptText } from './receipt-text.ts';

const receipt: Receipt = {
  kind: 'sale',
  title: 'RECEIPT',
  number: 'TST-1-000001',
  header: ['Shop'],
  details: ['2026-07-01 09:05', 'Sale TST-1-000001'],
  customerName: 'Ada Lovelace',
  lines: [
    {
      description: 'A very long product name that goes on and on',
      quantityText: '2 × 12.50',
      discount: '-1.00',
      amount: '25.00',
    },
  ],
  totals: [{ label: 'Subtotal', amount: '25.00' }],
  total: { label: 'TOTAL', amount: '24.00' },
  taxSummary: [{ rate: '20%', net: '20.00', tax: '4.00', gross: '24.00' }],
  tendersTitle: 'Paid',
  tenders: [
    { label: 'Gift card •••• 0018', amount: '24.00' },
    { label: 'Left on card', amount: '1.00', indent: true },
  ],
  loyalty: [],
  footer: ['Thank you'],
  currency: 'GBP',
};

describe('formatReceiptText', () => {
  it('right-aligns amounts in the width', () => {
    const text = formatReceiptText(receipt, 30);
    const lines = text.split('\n');
    expect(lines).toContain(`  2 × 12.50${' '.repeat(14)}25.00`);
    expect(lines).toContain(`  Discount${' '.repeat(15)}-1.00`);
    expect(lines).toContain(`TOTAL${' '.repeat(20)}24.00`);
    expect(lines).toContain('Customer: Ada Lovelace');
    expect(lines).toContain(`${' '.repeat(11)}RECEIPT`);
    expect(lines).toContain('Paid');
    expect(lines).toContain(`  Left on card${' '.repeat(12)}1.00`);
  });

  it('wraps long descriptions at spaces', () => {
    const lines = formatReceiptText(receipt, 30).split('\n');
    expect(lines).toContain('A very long product name that');
    expect(lines).toContain('goes on and on');
  });

  it('never lets a row run past the width', () => {
    const long = {
      ...receipt,
      tenders: [{ label: 'Refunded to card (ref ABCDEFGHIJKLMNOPQRSTUVWXYZ)', amount: '-24.00' }],
    };
    const rows = formatReceiptText(long, 30)
      .split('\n')
      .filter((line) => line.endsWith('-24.00'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(30);
    const everything = formatReceiptText({ ...long, header: ['x'.repeat(70)] }, 30).split('\n');
    expect(everything.every((line) => line.length <= 30)).toBe(true);
  });
});
