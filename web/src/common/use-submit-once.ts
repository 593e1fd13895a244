import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api-error.ts';

/** How an attempt that did not succeed ended, for the Idempotency-Key it used. */
export type FailedAttempt =
  /** No answer, or the server failed: it may have happened. Same key next time. */
  | 'uncertain'
  /** The first attempt with this key is still running. */
  | 'in-progress'
  /** The key went with another body earlier (an answer that was lost). */
  | 'key-reused'
  /** A definite refusal (validation, approval, not found): nothing was done. */
  | 'refused';

export function failedAttempt(error: unknown): FailedAttempt {
  if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) return 'uncertain';
  if (error.code === 'request_in_progress') return 'in-progress';
  if (error.code === 'idempotency_key_reused') return 'key-reused';
  return 'refused';
}

type Pending<B> = { key: string; uncertain: B | null; inFlight: boolean };

async function attempt<B, R>(
  send: (body: B, key: string) => Promise<R>,
  state: Pending<B>,
  body: B,
  learning: boolean,
): Promise<R> {
  try {
    return await send(body, state.key);
  } catch (err) {
    const outcome = failedAttempt(err);
    if (outcome === 'uncertain') state.uncertain = body;
    if (outcome === 'refused') {
      state.key = crypto.randomUUID();
      state.uncertain = null;
    }
    const earlier = state.uncertain;
    if (outcome === 'key-reused' && !learning && earlier !== null && earlier !== body) {
      // The lost attempt either went through (its answer is the real one) or was refused
      // (then the key is new and this body goes out under it).
      try {
        return await attempt(send, state, earlier, true);
      } catch (lost) {
        if (failedAttempt(lost) !== 'refused') throw lost;
        return await attempt(send, state, body, true);
      }
    }
    throw err;
  }
}

/**
 * Sends one piece of work (a sale, a return) under one Idempotency-Key, made when the work
 * starts and reused for every attempt: a double click or a retry after a dropped connection
 * gets the first answer, never a second charge. The server keeps a refusal under its key
 * and refuses a changed body under a used key, so only after a definite refusal (nothing
 * was done) does the next attempt get a new key. When an answer was lost and the body has
 * changed since, the lost attempt is sent again first to learn how it ended.
 */
export function useSubmitOnce<B, R>(send: (body: B, key: string) => Promise<R>) {
  const pending = useRef<Pending<B> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** The answer, or why not (error null: an attempt is already running). */
  const submit = useCallback(
    async (body: B): Promise<{ ok: true; value: R } | { ok: false; error: unknown }> => {
      pending.current ??= { key: crypto.randomUUID(), uncertain: null, inFlight: false };
      const state = pending.current;
      if (state.inFlight) return { ok: false, error: null };
      state.inFlight = true;
      setBusy(true);
      setError(null);
      try {
        return { ok: true, value: await attempt(send, state, body, false) };
      } catch (err) {
        setError(err);
        return { ok: false, error: err };
      } finally {
        state.inFlight = false;
        setBusy(false);
      }
    },
    [send],
  );

  /** The next piece of work: a new key, nothing pending. */
  const reset = useCallback(() => {
    pending.current = { key: crypto.randomUUID(), uncertain: null, inFlight: false };
    setError(null);
  }, []);

  return { submit, busy, error, reset, clearError: () => setError(null) };
}
