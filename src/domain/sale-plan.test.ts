import { describe, expect, it } from 'vitest';
import type { LoyaltyRules } from './loyalty-rules.ts';
import { fail, ok } from './result.ts';
import type { Reward } from './rewards.ts';
import {
  planPricedSale,
  planSale,
  type LoyaltyFacts,
  type SaleFacts,
  type SaleGiftCard,
  type SaleProduct,
} from './sale-plan.ts';
import { minor, noPoints, points } from './units.ts';

const now = new Date('2026-06-15T10:00:00Z');

const product = (sku: string, price: number, extra: Partial<SaleProduct> = {}): SaleProduct => ({
  id: `id-${sku}`,
  sku,
  barcode: null,
  name: sku,
  category: 'tops',
  brand: null,
  size: null,
  colour: null,
  price: minor(price),
  currency: 'GBP',
  taxRateBp: 2000,
  active: true,
  ...extra,
});

const rules: LoyaltyRules = {
  enabled: true,
  spendPerPoint: 100,
  earnOn: 'gross',
  excludedCategories: [],
  categoryMultipliers: {},
  signupBonus: noPoints,
  expiryMonths: null,
  allowNegativeBalance: false,
};

const reward: Reward = {
  id: 'reward-1',
  name: '5.00 off',
  pointsCost: points(300),
  kind: 'amount_off',
  amount: minor(500),
  percentBp: null,
  productSku: null,
  active: true,
};

const loyalty = (extra: Partial<LoyaltyFacts> = {}): LoyaltyFacts => ({
  ruleVersion: 3,
  rules,
  groups: [{ id: 'vip', name: 'VIP', discountBp: 1000, earnMultiplierBp: 20_000 }],
  reward: null,
  balance: noPoints,
  promotions: [],
  ...extra,
});

const card = (id: string, extra: Partial<SaleGiftCard> = {}): SaleGiftCard => ({
  id,
  number: `60000000000${id.slice(-1)}`,
  currency: 'GBP',
  state: 'ACTIVE',
  balance: minor(1000),
  expiresAt: null,
  ...extra,
});

function facts(extra: Partial<SaleFacts> = {}): SaleFacts {
  return {
    now,
    completedAt: now,
    outlet: { currency: 'GBP', pricingMode: 'tax_inclusive' },
    products: [product('TEE', 2000), product('SOCK', 500, { barcode: '5000000000001' })],
    customer: null,
    loyalty: null,
    soldCards: [],
    giftCardExpiryMonths: null,
    tenderCards: [],
    storeCredit: null,
    ...extra,
  };
}

const withCustomer = (extra: Partial<LoyaltyFacts> = {}) =>
  facts({ customer: ok({ id: 'cust-1' }), loyalty: loyalty(extra) });

describe('planPricedSale', () => {
  it('prices lines by barcode or SKU, with no loyalty without a customer', () => {
    const plan = planPricedSale(facts(), {
      lines: [
        { product: ' TEE ', quantity: 2, discount: 400 },
        { product: '5000000000001', quantity: 1 },
      ],
    });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.productLines.map((line) => [line.product.sku, line.priced.total])).toEqual([
      ['TEE', 3600],
      ['SOCK', 500],
    ]);
    expect(plan.value.totals).toEqual({
      subtotal: 4500,
      discountTotal: 400,
      taxTotal: 683,
      total: 4100,
      liabilityTotal: 0,
      groupDiscountTotal: 0,
      rewardDiscountTotal: 0,
    });
    expect(plan.value.loyalty).toBeNull();
    expect(plan.value.pointsEarned).toBe(0);
  });

  it('takes the group discount, then the reward, off the lines and earns on what is left', () => {
    const plan = planPricedSale(withCustomer({ reward, balance: points(300) }), {
      lines: [
        { product: 'TEE', quantity: 1 },
        { product: 'SOCK', quantity: 2 },
      ],
      rewardId: 'reward-1',
    });
    if (!plan.ok) throw new Error(plan.message);
    const lines = plan.value.productLines;
    // 10% of 30.00 is 3.00, split 2.00 / 1.00; 5.00 off the 27.00 left, split by value.
    expect(lines.map((line) => line.groupDiscount)).toEqual([200, 100]);
    expect(lines.map((line) => line.rewardDiscount)).toEqual([333, 167]);
    expect(lines.map((line) => line.priced.total)).toEqual([1467, 733]);
    expect(plan.value.totals).toMatchObject({
      total: 2200,
      discountTotal: 800,
      groupDiscountTotal: 300,
      rewardDiscountTotal: 500,
    });
    // 22.00 at a point per 1.00, doubled by the group: 44 points.
    expect(plan.value.pointsEarned).toBe(44);
    expect(lines.map((line) => line.pointsEarned)).toEqual([29, 15]);
    expect(plan.value.pointsRedeemed).toBe(300);
    expect(lines.map((line) => line.pointsRedeemed)).toEqual([200, 100]);
    expect(plan.value.loyalty).toMatchObject({
      customerId: 'cust-1',
      ruleVersion: 3,
      group: { id: 'vip', name: 'VIP', discountBp: 1000 },
      reward: { id: 'reward-1' },
    });
  });

  it('refuses in the order the checks are made: lines, products, then the customer', () => {
    const unknownCustomer = facts({
      customer: fail('customer_not_found', 'No active customer with that id'),
    });
    expect(planPricedSale(unknownCustomer, { lines: [] })).toMatchObject({
      ok: false,
      field: 'lines',
    });
    expect(
      planPricedSale(unknownCustomer, { lines: [{ product: 'NOPE', quantity: 1 }] }),
    ).toMatchObject({ ok: false, code: 'product_not_found', field: 'lines[0].product' });
    expect(
      planPricedSale(unknownCustomer, { lines: [{ product: 'TEE', quantity: 1 }] }),
    ).toMatchObject({ ok: false, code: 'customer_not_found' });
    const inactive = facts({ products: [product('TEE', 2000, { active: false })] });
    expect(planPricedSale(inactive, { lines: [{ product: 'TEE', quantity: 1 }] })).toMatchObject({
      ok: false,
      code: 'product_not_found',
    });
  });

  it('refuses a reward without a customer, an inactive one, or one the points do not cover', () => {
    const lines = [{ product: 'TEE', quantity: 1 }];
    expect(planPricedSale(facts(), { lines, rewardId: 'reward-1' })).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field: 'rewardId',
    });
    expect(
      planPricedSale(withCustomer({ reward: { ...reward, active: false }, balance: points(999) }), {
        lines,
        rewardId: 'reward-1',
      }),
    ).toMatchObject({ ok: false, code: 'reward_not_found' });
    expect(
      planPricedSale(withCustomer({ reward, balance: points(299) }), {
        lines,
        rewardId: 'reward-1',
      }),
    ).toMatchObject({
      ok: false,
      code: 'insufficient_points',
      details: { balance: 299, pointsCost: 300 },
    });
  });

  it('sells stored value as liabilities: activated, loaded, or refused without a customer', () => {
    const pending = card('card-1', { state: 'PENDING', balance: minor(0) });
    const active = card('card-2');
    const plan = planPricedSale(
      facts({
        soldCards: [null, { found: ok(pending) }, { found: ok(active) }],
        giftCardExpiryMonths: 12,
      }),
      {
        lines: [
          { product: 'TEE', quantity: 1 },
          { kind: 'gift_card', number: pending.number, amount: 2500 },
          { kind: 'gift_card', number: active.number, amount: 1000 },
        ],
      },
    );
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.liabilityLines.map((line) => line.sells)).toEqual([
      {
        kind: 'gift_card',
        card: pending,
        create: false,
        operation: { kind: 'ACTIVATE', amount: 2500, expiresAt: new Date('2027-06-15T10:00:00Z') },
      },
      { kind: 'gift_card', card: active, create: false, operation: { kind: 'LOAD', amount: 1000 } },
    ]);
    expect(plan.value.totals).toMatchObject({ liabilityTotal: 3500, total: 5500, taxTotal: 333 });
    expect(
      planPricedSale(facts(), { lines: [{ kind: 'store_credit', amount: 1000 }] }),
    ).toMatchObject({ ok: false, field: 'lines[0]' });
    expect(
      planPricedSale(facts({ soldCards: [{ found: ok(active) }, { found: ok(active) }] }), {
        lines: [
          { kind: 'gift_card', number: active.number, amount: 100 },
          { kind: 'gift_card', number: active.number, amount: 100 },
        ],
      }),
    ).toMatchObject({ ok: false, field: 'lines' });
  });
});

describe('planSale', () => {
  const lines = [{ product: 'TEE', quantity: 1 }];

  it('prices exactly as the quote does, and pays the exchange credit first', () => {
    const request = { lines, tenders: [{ kind: 'cash' as const, received: 1500 }] };
    const plan = planSale(facts(), { ...request, exchangeCredit: 800 });
    if (!plan.ok) throw new Error(plan.message);
    const quote = planPricedSale(facts(), request);
    if (!quote.ok) throw new Error(quote.message);
    expect(plan.value.totals).toEqual(quote.value.totals);
    expect(plan.value.payment).toEqual({
      total: 2000,
      currency: 'GBP',
      tenders: [
        { kind: 'exchange', amount: 800 },
        { kind: 'cash', received: 1500 },
      ],
    });
  });

  it('lets a gift card with no amount pay what it holds, and asks for the rest', () => {
    const gift = card('card-3', { balance: minor(1200) });
    const paid = planSale(facts({ tenderCards: [ok(gift)] }), {
      lines,
      tenders: [{ kind: 'gift_card', number: gift.number }],
    });
    expect(paid).toMatchObject({ ok: false, code: 'tenders_short', details: { due: 800 } });
    const expired = card('card-4', { expiresAt: new Date('2026-01-01T00:00:00Z') });
    expect(
      planSale(facts({ tenderCards: [ok(expired)] }), {
        lines,
        tenders: [{ kind: 'gift_card', number: expired.number }],
      }),
    ).toMatchObject({ ok: false, code: 'gift_card_expired', field: 'tenders[0].number' });
  });

  it('reads store credit from the lots still spendable now, and only with the customer', () => {
    const lots = [
      { id: 'a', remaining: minor(700), expiresAt: null, createdAt: now },
      {
        id: 'b',
        remaining: minor(900),
        expiresAt: new Date('2026-01-01T00:00:00Z'),
        createdAt: now,
      },
    ];
    const plan = planSale(
      facts({
        customer: ok({ id: 'cust-1' }),
        loyalty: loyalty(),
        storeCredit: { accountId: 'acc', lots },
      }),
      { lines, tenders: [{ kind: 'store_credit' }, { kind: 'cash', received: 2000 }] },
    );
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.payment.tenders[0]).toEqual({
      kind: 'store_credit',
      available: 700,
      accountId: 'acc',
    });
    expect(planSale(facts(), { lines, tenders: [{ kind: 'store_credit' }] })).toMatchObject({
      ok: false,
      field: 'tenders[0]',
    });
  });
});
