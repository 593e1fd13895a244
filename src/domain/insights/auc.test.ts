import { describe, expect, it } from 'vitest';
import { auc, type Scored } from './auc.ts';
import { seededRandom } from './random-for-tests.ts';

/** The definition: over every positive–negative pair, 1 if ordered right, ½ if tied. */
function pairwiseAuc(items: readonly Scored[]): number {
  const positives = items.filter((item) => item.positive);
  const negatives = items.filter((item) => !item.positive);
  let total = 0;
  for (const p of positives)
    for (const n of negatives) total += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return total / (positives.length * negatives.length);
}

const item = (score: number, positive: boolean): Scored => ({ score, positive });

describe('auc', () => {
  it('is 1 when every positive scores above every negative, 0 when below', () => {
    expect(auc([item(1, false), item(2, false), item(3, true), item(4, true)])).toBe(1);
    expect(auc([item(1, true), item(2, true), item(3, false), item(4, false)])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(auc([item(1, true), item(1, false)])).toBe(0.5);
    expect(auc([item(0, true), item(0, true), item(0, false), item(0, false)])).toBe(0.5);
    // Pairs: (2 > 1) 1, (2 = 2) ½, (1 = 1) ½, (1 < 2) 0 → 2 / 4.
    expect(auc([item(2, true), item(1, true), item(1, false), item(2, false)])).toBe(0.5);
    // Pairs: (3 > 1) 1, (3 > 2) 1, (2 > 1) 1, (2 = 2) ½ → 3.5 / 4.
    expect(auc([item(3, true), item(2, true), item(1, false), item(2, false)])).toBe(0.875);
  });

  it('matches the pairwise definition on random scores with many ties', () => {
    const random = seededRandom(13);
    const draw = () => random.uniform();
    for (let round = 0; round < 20; round++) {
      const items = Array.from({ length: 200 }, () =>
        item(Math.floor(draw() * 10), draw() < 0.3 + round / 50),
      );
      expect(auc(items)).toBeCloseTo(pairwiseAuc(items), 12);
    }
  });

  it('does not depend on the order of the input', () => {
    const items = [item(0.2, true), item(0.9, false), item(0.5, true), item(0.1, false)];
    expect(auc(items)).toBe(auc([...items].reverse()));
    expect(auc(items)).toBe(0.5);
  });

  it('is undefined without positives or without negatives', () => {
    expect(auc([])).toBeNull();
    expect(auc([item(1, true), item(2, true)])).toBeNull();
    expect(auc([item(1, false)])).toBeNull();
  });
});
