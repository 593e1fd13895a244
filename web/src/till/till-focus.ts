import type { SaleStage } from './sale/use-sale-draft.ts';
import type { TillMode } from './TillTabs.tsx';

/** The boxes the till moves focus between. */
export type FocusTarget = 'search' | 'item' | 'cash' | 'receipt' | 'gift-card';

/**
 * The box stray typing belongs in (a scan must never be lost): the customer search, or the
 * box the current work reads from; null when the sale is done and nothing reads.
 */
export function entryTarget(
  mode: TillMode,
  prompting: boolean,
  stage: SaleStage,
): FocusTarget | null {
  if (mode === 'customer' || (mode === 'sale' && prompting)) return 'search';
  if (mode === 'return') return 'receipt';
  if (mode === 'gift-card') return 'gift-card';
  if (stage === 'pay') return 'cash';
  if (stage === 'items') return 'item';
  return null;
}

/**
 * Where focus goes on switching to a mode. A sale asks for the customer first when it
 * (still) has none, and otherwise goes on where it was: paying, or adding items.
 */
export function modeTarget(
  mode: TillMode,
  askingForCustomer: boolean,
  stage: SaleStage,
): FocusTarget {
  if (mode === 'sale') return askingForCustomer ? 'search' : stage === 'pay' ? 'cash' : 'item';
  if (mode === 'return') return 'receipt';
  if (mode === 'gift-card') return 'gift-card';
  return 'search';
}

/** The next highlighted row after ↑ or ↓: stays within the list, at the top when empty. */
export function nextHighlight(index: number, step: 1 | -1, count: number): number {
  return Math.min(Math.max(index + step, 0), Math.max(count - 1, 0));
}
