import { describe, expect, it } from 'vitest';
import {
  buildReceipt,
  formatReceiptTime,
  formatTaxRate,
  type ReceiptSale,
  type ReceiptSaleLine,
} from './receipts.ts';

const line = (overrides: Partial<ReceiptSaleLine>): ReceiptSaleLine => ({
  name: 'Tee',
  size: null,
  colour: null,
  quantity: 1,
  unitPrice: 1000,
  discount: 0,
  taxRateBp: 2000,
  tax: 167,
  total: 1000,
  ...overrides,
});

/** 2 tees at 12.50 (20% VAT) and a mug at 4.99 less 0.99 (zero-rated), paid 50.00 cash. */
const sale: ReceiptSale = {
  kind: 'sale',
  number: 'TST-1-000042',
  originalNumber: null,
  currency: 'GBP',
  pricingMode: 'tax_inclusive',
  outletName: 'High Street',
  receiptHeader: '1 High Street\nVAT GB123456789\n',
  registerName: 'Till 1',
  staffName: 'Sam',
  customerName: 'Ada Lovelace',
  subtotal: 2999,
  discountTotal: 99,
  taxTotal: 417,
  total: 2900,
  lines: [
    line({
      name: 'Tee',
      size: 'M',
      colour: 'Blue',
      quantity: 2,
      unitPrice: 1250,
      tax: 417,
      total: 2500,
    }),
    line({
      name: 'Mug',
      quantity: 1,
      unitPrice: 499,
      discount: 99,
      taxRateBp: 0,
      tax: 0,
      total: 400,
    }),
  ],
  tenders: [{ kind: 'cash', amount: 2900, received: 5000, change: 2100, reference: null }],
  completedAt: '2026-07-01T08:05:00.000Z',
  timeZone: 'Europe/London',
};

const options = { shopName: 'Clientele Clothing', showCustomerName: false };

describe('buildReceipt', () => {
  it('lays out a tax-inclusive sale', () => {
    const receipt = buildReceipt(sale, options);
    expect(receipt.title).toBe('RECEIPT');
    expect(receipt.header).toEqual([
      'Clientele Clothing',
      'High Street',
      '1 High Street',
      'VAT GB123456789',
    ]);
    expect(receipt.details).toEqual([
      '2026-07-01 09:05',
      'Sale TST-1-000042',
      'Till: Till 1',
      'Served by: Sam',
    ]);
    expect(receipt.lines).toEqual([
      { description: 'Tee (M, Blue)', quantityText: '2 × 12.50', discount: null, amount: '25.00' },
      { description: 'Mug', quantityText: '1 × 4.99', discount: '-0.99', amount: '4.99' },
    ]);
    expect(receipt.totals).toEqual([
      { label: 'Subtotal', amount: '29.99' },
      { label: 'Discounts', amount: '-0.99' },
    ]);
    expect(receipt.total).toEqual({ label: 'TOTAL', amount: '29.00' });
    expect(receipt.taxSummary).toEqual([
      { rate: '20%', net: '20.83', tax: '4.17', gross: '25.00' },
      { rate: '0%', net: '4.00', tax: '0.00', gross: '4.00' },
    ]);
    expect(receipt.tenders).toEqual([
      { label: 'Cash', amount: '50.00' },
      { label: 'Change', amount: '21.00' },
    ]);
    expect(receipt.footer[0]).toBe('Prices include tax');
  });

  it.each([
    { showCustomerName: true, customerName: 'Ada Lovelace', expected: 'Ada Lovelace' },
    { showCustomerName: false, customerName: 'Ada Lovelace', expected: null },
    { showCustomerName: true, customerName: null, expected: null },
  ])(
    'prints the customer name only when the outlet says so ($showCustomerName, $customerName)',
    ({ showCustomerName, customerName, expected }) => {
      const receipt = buildReceipt({ ...sale, customerName }, { ...options, showCustomerName });
      expect(receipt.customerName).toBe(expected);
    },
  );

  it('adds tax as its own total where prices exclude it', () => {
    const receipt = buildReceipt(
      {
        ...sale,
        currency: 'USD',
        pricingMode: 'tax_exclusive',
        subtotal: 1000,
        discountTotal: 0,
        taxTotal: 83,
        total: 1083,
        lines: [line({ unitPrice: 1000, taxRateBp: 825, tax: 83, total: 1083 })],
        tenders: [{ kind: 'card', amount: 1083, received: null, change: null, reference: 'A1B2' }],
      },
      options,
    );
    expect(receipt.totals).toEqual([
      { label: 'Subtotal', amount: '10.00' },
      { label: 'Tax', amount: '0.83' },
    ]);
    expect(receipt.total.amount).toBe('10.83');
    expect(receipt.taxSummary).toEqual([
      { rate: '8.25%', net: '10.00', tax: '0.83', gross: '10.83' },
    ]);
    expect(receipt.tenders).toEqual([{ label: 'Card (ref A1B2)', amount: '10.83' }]);
    expect(receipt.footer[0]).toBe('Tax added at the till');
  });

  const refund: ReceiptSale = {
    ...sale,
    kind: 'return',
    number: 'TST-1-000043',
    originalNumber: 'TST-1-000042',
    subtotal: -1250,
    discountTotal: 0,
    taxTotal: -208,
    total: -1250,
    lines: [line({ name: 'Tee', quantity: -1, unitPrice: 1250, tax: -208, total: -1250 })],
    tenders: [{ kind: 'card', amount: -1250, received: null, change: null, reference: 'R9' }],
  };

  it.each([
    { stored: 'negative', sale: refund },
    {
      stored: 'positive',
      sale: {
        ...refund,
        subtotal: 1250,
        taxTotal: 208,
        total: 1250,
        lines: [line({ quantity: 1, unitPrice: 1250, tax: 208, total: 1250 })],
        tenders: [{ kind: 'card', amount: 1250, received: null, change: null, reference: 'R9' }],
      },
    },
  ])('prints a return as REFUND with negative amounts (stored $stored)', ({ sale: returned }) => {
    const receipt = buildReceipt(returned, options);
    expect(receipt.title).toBe('REFUND');
    expect(receipt.details).toContain('Refund TST-1-000043');
    expect(receipt.details).toContain('Refund of sale TST-1-000042');
    expect(receipt.lines).toEqual([
      { description: 'Tee', quantityText: '1 × 12.50', discount: null, amount: '-12.50' },
    ]);
    expect(receipt.total).toEqual({ label: 'TOTAL REFUND', amount: '-12.50' });
    expect(receipt.taxSummary).toEqual([
      { rate: '20%', net: '-10.42', tax: '-2.08', gross: '-12.50' },
    ]);
    expect(receipt.tendersTitle).toBe('Refunded to');
    expect(receipt.tenders).toEqual([{ label: 'Card (ref R9)', amount: '-12.50' }]);
  });

  it('formats amounts in the currency of the sale', () => {
    const receipt = buildReceipt(
      {
        ...sale,
        currency: 'JPY',
        subtotal: 1500,
        discountTotal: 0,
        taxTotal: 136,
        total: 1500,
        lines: [line({ unitPrice: 1500, taxRateBp: 1000, tax: 136, total: 1500 })],
        tenders: [{ kind: 'cash', amount: 1500, received: 2000, change: 500, reference: null }],
      },
      options,
    );
    expect(receipt.total.amount).toBe('1500');
    expect(receipt.tenders).toEqual([
      { label: 'Cash', amount: '2000' },
      { label: 'Change', amount: '500' },
    ]);
  });

  it('has tax summary groups that add up to the total', () => {
    const receipt = buildReceipt(sale, options);
    const gross = receipt.taxSummary.reduce(
      (sum, group) => sum + Math.round(Number(group.gross) * 100),
      0,
    );
    expect(gross).toBe(sale.total);
  });
});

describe('payments on the receipt', () => {
  it('names each tender plainly under "Paid", with what is left on a gift card', () => {
    const receipt = buildReceipt(
      {
        ...sale,
        tenders: [
          {
            kind: 'gift_card',
            amount: 2400,
            received: null,
            change: null,
            reference: '•••• 0018',
            balanceAfter: 2600,
          },
          { kind: 'store_credit', amount: 300, received: null, change: null, reference: null },
          { kind: 'exchange', amount: 100, received: null, change: null, reference: null },
          { kind: 'card', amount: 100, received: null, change: null, reference: 'AUTH 55' },
        ],
      },
      options,
    );
    expect(receipt.tendersTitle).toBe('Paid');
    expect(receipt.tenders).toEqual([
      { label: 'Gift card •••• 0018', amount: '24.00' },
      { label: 'Left on card', amount: '26.00', indent: true },
      { label: 'Store credit', amount: '3.00' },
      { label: 'Exchange credit', amount: '1.00' },
      { label: 'Card (ref AUTH 55)', amount: '1.00' },
    ]);
  });

  it('says what a gift card holds after a refund to it', () => {
    const receipt = buildReceipt(
      {
        ...sale,
        kind: 'return',
        tenders: [
          {
            kind: 'gift_card',
            amount: -1250,
            received: null,
            change: null,
            reference: '•••• 0018',
            balanceAfter: 3850,
          },
        ],
      },
      options,
    );
    expect(receipt.tenders).toEqual([
      { label: 'Gift card •••• 0018', amount: '-12.50' },
      { label: 'Card balance now', amount: '38.50', indent: true },
    ]);
  });
});

describe('loyalty on the receipt', () => {
  const loyalty = {
    groupName: 'VIP',
    groupDiscountTotal: 250,
    rewardName: '5 off',
    rewardDiscountTotal: 500,
    pointsEarned: 12,
    pointsRedeemed: 50,
  };

  it('prints the group discount and the reward as totals, so the totals add up', () => {
    // The mug's own 0.99 off, then 2.50 (VIP) and 5.00 (reward) off the tees.
    const receipt = buildReceipt(
      {
        ...sale,
        discountTotal: 849,
        total: 2150,
        lines: [{ ...sale.lines[0]!, discount: 750, total: 1750 }, sale.lines[1]!],
        loyalty,
      },
      options,
    );
    expect(receipt.totals).toEqual([
      { label: 'Subtotal', amount: '29.99' },
      { label: 'Discounts', amount: '-0.99' },
      { label: 'VIP member discount', amount: '-2.50' },
      { label: 'Reward: 5 off', amount: '-5.00' },
    ]);
    expect(receipt.total.amount).toBe('21.50');
    expect(receipt.footer.join('\n')).not.toContain('discount');
  });

  it("gives a VIP's discount back on the refund of the candle", () => {
    // 24.00 less 5% = 22.80 sold; the return carries the 1.20 back.
    const receipt = buildReceipt(
      {
        ...sale,
        kind: 'return',
        subtotal: -2400,
        discountTotal: -120,
        taxTotal: -380,
        total: -2280,
        lines: [
          line({
            name: 'Candle',
            quantity: -1,
            unitPrice: 2400,
            discount: -120,
            tax: -380,
            total: -2280,
          }),
        ],
        tenders: [{ kind: 'cash', amount: -2280, received: null, change: null, reference: null }],
        loyalty: { ...loyalty, groupDiscountTotal: -120, rewardName: null, rewardDiscountTotal: 0 },
      },
      options,
    );
    expect(receipt.lines[0]).toMatchObject({ discount: '1.20', amount: '-24.00' });
    expect(receipt.totals).toEqual([
      { label: 'Subtotal', amount: '-24.00' },
      { label: 'VIP member discount', amount: '1.20' },
    ]);
    expect(receipt.total).toEqual({ label: 'TOTAL REFUND', amount: '-22.80' });
  });

  it('prints the points', () => {
    const receipt = buildReceipt({ ...sale, loyalty }, options);
    expect(receipt.loyalty).toEqual(['Points redeemed: 50', 'Points earned: 12']);
  });
});

describe('formatTaxRate', () => {
  it.each([
    [0, '0%'],
    [500, '5%'],
    [550, '5.5%'],
    [825, '8.25%'],
    [2000, '20%'],
    [10000, '100%'],
  ])('%i bp is %s', (rateBp, expected) => {
    expect(formatTaxRate(rateBp)).toBe(expected);
  });
});

describe('formatReceiptTime', () => {
  it.each([
    ['2026-07-01T08:05:00Z', 'Europe/London', '2026-07-01 09:05'],
    ['2026-01-01T08:05:00Z', 'Europe/London', '2026-01-01 08:05'],
    ['2026-07-01T23:30:00Z', 'Asia/Tokyo', '2026-07-02 08:30'],
    ['2026-07-01T08:05:00Z', 'Not/AZone', '2026-07-01 08:05'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(formatReceiptTime(iso, zone)).toBe(expected);
  });
});
