import { describe, expect, it } from 'vitest';
import type { TillInsight } from '@contract/customers.ts';
import { agoText, everyText, insightLines, segmentMeanings } from './insight-lines.ts';

const blank: TillInsight = {
  dueEveryDays: null,
  lastSeenDaysAgo: null,
  lapsed: false,
  welcomeBack: false,
  birthdaySoon: false,
  topPercent: null,
  segment: null,
  method: null,
  computedAt: null,
  suggestedReward: null,
};
const texts = (insight: TillInsight | null) => insightLines(insight).map((line) => line.text);

describe('spans of days in words', () => {
  it.each([
    [1, 'every day'],
    [3, 'every ~3 days'],
    [7, 'every week'],
    [21, 'every ~3 weeks'],
    [30, 'every ~4 weeks'],
    [61, 'every ~9 weeks'],
    [91, 'every ~3 months'],
    [365, 'every ~12 months'],
    [800, 'every ~2 years'],
  ])('%i days: %s', (days, text) => expect(everyText(days)).toBe(text));

  it.each([
    [0, 'today'],
    [1, 'yesterday'],
    [5, '5 days ago'],
    [14, '2 weeks ago'],
    [77, '11 weeks ago'],
    [90, '13 weeks ago'],
    [91, '3 months ago'],
    [400, '13 months ago'],
  ])('%i days: %s', (days, text) => expect(agoText(days)).toBe(text));
});

describe('the till hints', () => {
  it('shows nothing for a customer who may not be profiled', () => {
    expect(insightLines(null)).toEqual([]);
  });

  it('shows nothing for a customer not scored yet', () => {
    expect(insightLines(blank)).toEqual([]);
  });

  it('says a lapsed regular is due back and asks to welcome them back', () => {
    const lines = insightLines({
      ...blank,
      dueEveryDays: 21,
      lastSeenDaysAgo: 52,
      lapsed: true,
      welcomeBack: true,
    });
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'rhythm',
        text: 'Due back every ~3 weeks, last seen 7 weeks ago — welcome them back',
        tone: 'act',
      }),
    ]);
  });

  it('gives the rhythm plainly for a customer who is on time', () => {
    expect(texts({ ...blank, dueEveryDays: 30, lastSeenDaysAgo: 5 })).toEqual([
      'Due back every ~4 weeks, last seen 5 days ago',
    ]);
    expect(insightLines({ ...blank, dueEveryDays: 30, lastSeenDaysAgo: 5 })[0]!.tone).toBe('plain');
  });

  it('gives only the last visit after a single one', () => {
    expect(texts({ ...blank, lastSeenDaysAgo: 1 })).toEqual(['Last seen yesterday']);
  });

  it('lists birthday, top share, segment, reward and the rule in that order', () => {
    expect(
      texts({
        ...blank,
        birthdaySoon: true,
        topPercent: 5,
        segment: 'Champions',
        method: 'rule',
        suggestedReward: { id: 'r1', name: 'Free socks', pointsCost: 50 },
      }),
    ).toEqual([
      'Birthday this week',
      'Top 5% customer',
      `Champions: ${segmentMeanings.Champions}`,
      'Can use: Free socks (50 points)',
      'Rhythm by a simple rule: not enough history yet to judge by their own habits',
    ]);
  });

  it('explains the top share by forecast with the model, by spend with the rule', () => {
    const detail = (method: 'model' | 'rule') =>
      insightLines({ ...blank, topPercent: 1, method })[0]!.detail;
    expect(detail('model')).toMatch(/expected .* next 12 months/);
    expect(detail('rule')).toMatch(/spent over the last 12 months/);
  });

  it('says nothing of the method when the model is in use', () => {
    expect(texts({ ...blank, method: 'model', segment: 'Lost' })).toEqual([
      `Lost: ${segmentMeanings.Lost}`,
    ]);
  });

  it('says one point, not one points', () => {
    expect(
      texts({ ...blank, suggestedReward: { id: 'r', name: 'Sticker', pointsCost: 1 } }),
    ).toEqual(['Can use: Sticker (1 point)']);
  });

  it('names an unknown segment as it is', () => {
    expect(texts({ ...blank, segment: 'VIP' })).toEqual(['VIP']);
  });
});
