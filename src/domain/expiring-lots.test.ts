import { describe, expect, it } from 'vitest';
import { expiringByDate } from './expiring-lots.ts';

describe('what expires when', () => {
  const end = new Date('2028-11-30T23:59:59.999Z');
  const earlier = new Date('2027-05-31T23:59:59.999Z');

  it('adds up lots that expire at the same moment, soonest first, and leaves out the rest', () => {
    expect(
      expiringByDate([
        { remaining: 85, expiresAt: end },
        { remaining: 40, expiresAt: null },
        { remaining: 85, expiresAt: end },
        { remaining: 0, expiresAt: earlier },
        { remaining: 10, expiresAt: earlier },
      ]),
    ).toEqual([
      { remaining: 10, expiresAt: earlier },
      { remaining: 170, expiresAt: end },
    ]);
  });

  it('says nothing when nothing expires', () => {
    expect(expiringByDate([{ remaining: 5, expiresAt: null }])).toEqual([]);
  });
});
