import { describe, expect, it } from 'vitest';
import { entryTarget, modeTarget, nextHighlight } from './till-focus.ts';

describe('where stray typing lands', () => {
  it.each([
    ['customer', false, 'items', 'search'],
    ['sale', true, 'items', 'search'],
    ['sale', false, 'items', 'item'],
    ['sale', false, 'pay', 'cash'],
    ['sale', false, 'done', null],
    ['return', false, 'items', 'receipt'],
    ['gift-card', false, 'pay', 'gift-card'],
  ] as const)('%s, asking %s, stage %s → %s', (mode, prompting, stage, expected) => {
    expect(entryTarget(mode, prompting, stage)).toBe(expected);
  });
});

describe('where focus goes on changing mode', () => {
  it.each([
    ['sale', true, 'items', 'search'],
    ['sale', false, 'items', 'item'],
    ['sale', false, 'pay', 'cash'],
    ['sale', false, 'done', 'item'],
    ['return', true, 'pay', 'receipt'],
    ['gift-card', false, 'items', 'gift-card'],
    ['customer', true, 'pay', 'search'],
  ] as const)('%s, asking %s, stage %s → %s', (mode, asking, stage, expected) => {
    expect(modeTarget(mode, asking, stage)).toBe(expected);
  });
});

describe('moving the highlight with the arrows', () => {
  it('stays within the list', () => {
    expect(nextHighlight(0, 1, 3)).toBe(1);
    expect(nextHighlight(2, 1, 3)).toBe(2);
    expect(nextHighlight(0, -1, 3)).toBe(0);
    expect(nextHighlight(0, 1, 0)).toBe(0);
  });
});
