import { useCallback, useEffect, useRef, useState } from 'react';
import type { FocusTarget } from './till-focus.ts';

/**
 * The till's input boxes and a way to move focus to one of them. Focus moves after the
 * render that shows the target (a hidden panel cannot take it).
 */
export function useTillFocus() {
  const searchRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLInputElement>(null);
  const cashRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLInputElement>(null);
  const giftCardRef = useRef<HTMLInputElement>(null);
  const [focusWanted, setFocusWanted] = useState<{ target: FocusTarget; n: number } | null>(null);

  /** The box behind a focus target (the refs themselves: nothing is read during render). */
  const refFor = useCallback(
    (target: FocusTarget) =>
      ({
        search: searchRef,
        item: itemRef,
        cash: cashRef,
        receipt: receiptRef,
        'gift-card': giftCardRef,
      })[target],
    [],
  );
  const focusSoon = useCallback(
    (target: FocusTarget) => setFocusWanted((current) => ({ target, n: (current?.n ?? 0) + 1 })),
    [],
  );
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);

  useEffect(() => {
    if (focusWanted !== null) refFor(focusWanted.target).current?.focus();
  }, [focusWanted, refFor]);

  return { searchRef, itemRef, cashRef, receiptRef, giftCardRef, refFor, focusSoon, focusSearch };
}
