import { useEffect, useEffectEvent, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { staleReasonText } from '../common/consent-api.ts';
import { channelLabel } from '../common/consent-wording.ts';
import { useGrantWording } from '../common/use-consent-wordings.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import './consent-refresh.css';
import type { ConsentInput, ConsentRefresh, CurrentConsent } from '@contract/customers.ts';

type Props = {
  customerId: string;
  refresh: readonly ConsentRefresh[];
  /** The consent just recorded, so the panel's summary shows it at once. */
  onRecorded: (consent: CurrentConsent) => void;
};

/** One key each, anywhere on the till (the function keys the till leaves free). */
export const refreshKeys = { yes: 'F6', no: 'F7', notNow: 'F3' } as const;

/**
 * Stale consent (F18) at the till: the cashier reads the current wording to the customer
 * and records the answer. Yes records consent given in these words; No records it
 * withdrawn; Not now records nothing and hides the question while this customer is on
 * the till. One channel at a time.
 */
export function ConsentRefreshPrompt({ customerId, refresh, onRecorded }: Props) {
  const wordingFor = useGrantWording();
  const [settled, setSettled] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce((body: ConsentInput) => api.recordConsent(customerId, body));
  const asking = refresh.find((stale) => !settled.includes(stale.channel));
  const channel = asking?.channel;
  const text = channel === undefined || wordingFor === null ? null : wordingFor(channel);

  const answer = async (granted: boolean | null) => {
    if (channel === undefined || text === null || once.busy) return;
    setError(null);
    if (granted !== null) {
      const recorded = await once.submit({ channel, granted, wording: text });
      if (!recorded.ok) {
        if (recorded.error !== null) setError(errorMessage(recorded.error));
        return;
      }
      once.reset();
      onRecorded({ channel, granted, at: recorded.value.record.at });
    }
    setSettled((done) => [...done, channel]);
  };

  // The listener stays put; the key press always sees the latest question and wording.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const granted =
      event.key === refreshKeys.yes
        ? true
        : event.key === refreshKeys.no
          ? false
          : event.key === refreshKeys.notNow
            ? null
            : undefined;
    if (granted === undefined || channel === undefined || text === null) return;
    event.preventDefault();
    void answer(granted);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (asking === undefined) return null;
  return (
    <div className="consent-refresh" role="group" data-testid="consent-refresh">
      <p>
        <strong>Ask again: {channelLabel[asking.channel]} consent</strong> (
        {asking.reasons.map(staleReasonText).join(', ')})
      </p>
      <ErrorText message={error} />
      {text !== null && (
        <>
          <p className="wording">“{text}”</p>
          <div className="row">
            <button
              type="button"
              disabled={once.busy}
              data-testid="consent-refresh-yes"
              onClick={() => void answer(true)}
            >
              Yes ({refreshKeys.yes})
            </button>
            <button
              type="button"
              disabled={once.busy}
              data-testid="consent-refresh-no"
              onClick={() => void answer(false)}
            >
              No ({refreshKeys.no})
            </button>
            <button
              type="button"
              disabled={once.busy}
              data-testid="consent-refresh-later"
              onClick={() => void answer(null)}
            >
              Not now ({refreshKeys.notNow})
            </button>
          </div>
        </>
      )}
    </div>
  );
}
