import { minor, points as asPoints } from './units.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeEarning,
  pointsForUnits,
  type EarningLine,
  type Promotion,
} from './loyalty-earning.ts';
import {
  defaultLoyaltyRules,
  pointsExpiry,
  validateLoyaltyRules,
  type LoyaltyRules,
} from './loyalty-rules.ts';

const at = new Date('2026-11-22T12:00:00Z');
const rules = (changes: Partial<LoyaltyRules> = {}): LoyaltyRules => ({
  ...defaultLoyaltyRules,
  ...changes,
});
const line = (total: number, category: string | null = 'tops', tax = 0): EarningLine => ({
  category,
  total,
  tax,
});
const promotion = (changes: Partial<Promotion>): Promotion => ({
  id: 'p',
  name: 'Promo',
  kind: 'multiplier',
  multiplierBp: 20_000,
  bonusPoints: null,
  categories: [],
  minSpend: minor(0),
  startsAt: new Date('2026-11-01T00:00:00Z'),
  endsAt: new Date('2026-12-01T00:00:00Z'),
  ...changes,
});
const earn = (
  r: LoyaltyRules,
  lines: EarningLine[],
  promotions: Promotion[] = [],
  groupMultiplierBp = 10_000,
) => computeEarning(r, lines, promotions, { at, groupMultiplierBp });

describe('earning rules', () => {
  const table: [string, LoyaltyRules, EarningLine[], Promotion[], number, number][] = [
    // name, rules, lines, promotions, group multiplier, expected total
    ['one point per 10.00, rounded down: 105.00 earns 10', rules(), [line(10_500)], [], 10_000, 10],
    [
      'rounds down once for the whole sale, not per line',
      rules(),
      [line(550), line(550)],
      [],
      10_000,
      1,
    ],
    ['nothing under the first 10.00', rules(), [line(999)], [], 10_000, 0],
    [
      'earns on the amount net of tax when so set',
      rules({ earnOn: 'net' }),
      [line(12_000, 'tops', 2_000)],
      [],
      10_000,
      10,
    ],
    [
      'earns with tax when so set',
      rules({ earnOn: 'gross' }),
      [line(12_000, 'tops', 2_000)],
      [],
      10_000,
      12,
    ],
    [
      'excluded categories earn nothing',
      rules({ excludedCategories: ['gift'] }),
      [line(5_000, 'gift'), line(5_000)],
      [],
      10_000,
      5,
    ],
    [
      'a category multiplier weights its lines',
      rules({ categoryMultipliers: { denim: 15_000 } }),
      [line(10_000, 'denim')],
      [],
      10_000,
      15,
    ],
    ['a group multiplier applies to everything', rules(), [line(10_000)], [], 20_000, 20],
    [
      'a double-points promotion on a category',
      rules(),
      [line(10_000, 'tops'), line(10_000, 'denim')],
      [promotion({ categories: ['denim'] })],
      10_000,
      30,
    ],
    [
      'a fixed bonus promotion',
      rules(),
      [line(10_000)],
      [promotion({ kind: 'bonus', multiplierBp: null, bonusPoints: asPoints(50) })],
      10_000,
      60,
    ],
    [
      'the best promotion applies, not both',
      rules(),
      [line(10_000)],
      [
        promotion({ id: 'a', kind: 'bonus', multiplierBp: null, bonusPoints: asPoints(5) }),
        promotion({ id: 'b', multiplierBp: 30_000 }),
      ],
      10_000,
      30,
    ],
    [
      'a promotion below its minimum spend does not apply',
      rules(),
      [line(10_000)],
      [promotion({ minSpend: minor(20_000) })],
      10_000,
      10,
    ],
    [
      'a promotion outside its window does not apply',
      rules(),
      [line(10_000)],
      [promotion({ startsAt: new Date('2026-12-01'), endsAt: new Date('2026-12-02') })],
      10_000,
      10,
    ],
    [
      'a promotion on categories not in the sale does not apply',
      rules(),
      [line(10_000, 'tops')],
      [promotion({ categories: ['shoes'] })],
      10_000,
      10,
    ],
    [
      'a switched-off programme earns nothing',
      rules({ enabled: false }),
      [line(10_000)],
      [promotion({})],
      10_000,
      0,
    ],
  ];
  it.each(table)('%s', (_name, r, lines, promotions, group, expected) => {
    const earning = earn(r, lines, promotions, group);
    expect(earning.total).toBe(expected);
    expect(earning.perLine.reduce((sum, part) => sum + part, 0)).toBe(expected);
  });

  it('names the promotion and keeps base points apart', () => {
    const earning = earn(rules(), [line(10_000)], [promotion({ name: 'Double weekend' })]);
    expect(earning).toMatchObject({
      basePoints: 10,
      promotion: { name: 'Double weekend', points: 10 },
    });
  });

  it('splits the points over the lines so they always add up', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 500_000 }),
            fc.constantFrom('tops', 'denim', 'gift', null),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.integer({ min: 10_000, max: 30_000 }),
        (lines, group) => {
          const r = rules({ excludedCategories: ['gift'], categoryMultipliers: { denim: 15_000 } });
          const earning = earn(
            r,
            lines.map(([total, category]) => line(total, category)),
            [],
            group,
          );
          expect(earning.perLine.reduce((sum, part) => sum + part, 0)).toBe(earning.total);
          expect(earning.perLine.every((part) => part >= 0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('points taken back per unit', () => {
  it('gives back exactly what a line earned, however it is returned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }),
        (points, quantity, batches) => {
          let returned = 0;
          let back = 0;
          for (const batch of batches) {
            const units = Math.min(batch, quantity - returned);
            if (units <= 0) break;
            back += pointsForUnits(
              asPoints(points),
              { quantity, returnedQuantity: returned },
              units,
            );
            returned += units;
          }
          if (returned === quantity) expect(back).toBe(points);
          else expect(back).toBeLessThanOrEqual(points);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('rules', () => {
  it.each([
    [{ spendPerPoint: -1000 }, 'spendPerPoint'],
    [{ spendPerPoint: 0 }, 'spendPerPoint'],
    [{ categoryMultipliers: { tops: -5 } }, 'categoryMultipliers.tops'],
    [{ signupBonus: -10 }, 'signupBonus'],
    [{ expiryMonths: 0 }, 'expiryMonths'],
  ])('refuses %j', (changes, field) => {
    expect(validateLoyaltyRules(rules(changes as Partial<LoyaltyRules>))).toMatchObject({
      ok: false,
      field,
    });
  });

  it('expires points at the end of the month, N months on', () => {
    expect(pointsExpiry(new Date('2026-01-15T10:00:00Z'), 12)?.toISOString()).toBe(
      '2027-01-31T23:59:59.999Z',
    );
    expect(pointsExpiry(new Date('2026-11-30T23:00:00Z'), 3)?.toISOString()).toBe(
      '2027-02-28T23:59:59.999Z',
    );
    expect(pointsExpiry(new Date('2026-11-30T23:00:00Z'), null)).toBeNull();
  });
});
