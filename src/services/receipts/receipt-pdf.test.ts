import { describe, expect, it } from 'vitest';
import { buildReceipt, type ReceiptSale } from '../../domain/receipts.ts';
import { printableInCourier, renderReceiptPdf } from './receipt-pdf.ts';

const sale = (lines: number): ReceiptSale => ({
  kind: 'sale',
  number: 'TST-1-000001',
  originalNumber: null,
  currency: 'GBP',
  pricingMode: 'tax_inclusive',
  outletName: 'Test',
  receiptHeader: '',
  registerName: null,
  staffName: null,
  customerName: null,
  subtotal: 100 * lines,
  discountTotal: 0,
  taxTotal: 0,
  total: 100 * lines,
  lines: Array.from({ length: lines }, () => ({
    name: 'Thing',
    size: null,
    colour: null,
    quantity: 1,
    unitPrice: 100,
    discount: 0,
    taxRateBp: 0,
    tax: 0,
    total: 100,
  })),
  tenders: [
    { kind: 'cash', amount: 100 * lines, received: 100 * lines, change: 0, reference: null },
  ],
  completedAt: '2026-07-01T08:05:00Z',
  timeZone: 'Europe/London',
});

const pageSize = (pdf: Buffer): [number, number] => {
  const match = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no MediaBox');
  return [Number(match[1]), Number(match[2])];
};

describe('renderReceiptPdf', () => {
  it('is one 80 mm page as long as its content', async () => {
    const options = { shopName: 'Shop', showCustomerName: false };
    const short = await renderReceiptPdf(buildReceipt(sale(1), options));
    const long = await renderReceiptPdf(buildReceipt(sale(30), options));
    expect(short.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [width, shortHeight] = pageSize(short);
    const [, longHeight] = pageSize(long);
    expect(width).toBeCloseTo(226.77, 1);
    expect(longHeight).toBeGreaterThan(shortHeight + 29 * 2 * 8);
    expect(long.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});

describe('printableInCourier', () => {
  it.each([
    ['Café Crème €5', 'Café Crème €5'],
    ['Łódź', 'Lódz'],
    ['Ősz', 'Osz'],
    ['東京 Tee', '?? Tee'],
  ])('%s prints as %s', (text, expected) => {
    expect(printableInCourier(text)).toBe(expected);
  });
});
