import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-error.ts';

type LoadState<T> = { data: T | null; error: string | null; loading: boolean };

/**
 * Loads whatever `loader` returns and reloads when it changes (wrap it in useCallback) or on
 * `reload()`. An answer that arrives after the loader changed is dropped.
 */
export function useLoad<T>(loader: () => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setState((current) => ({ ...current, loading: true }));
    loader().then(
      (data) => {
        if (live) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (live) setState((current) => ({ ...current, error: errorMessage(err), loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [loader, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, setData };
}

/** `value`, but only once it has stopped changing for `ms` (typing in a filter box). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
