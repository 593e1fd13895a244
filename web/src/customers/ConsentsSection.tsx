import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { channelLabel, channels, consentOn, withdrawWording } from '../common/consent-wording.ts';
import { staleReasonText } from '../common/consent-api.ts';
import { useGrantWording } from '../common/use-consent-wordings.ts';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { useCan, useSession } from '../session.ts';
import type {
  ConsentChannel,
  ConsentInput,
  ConsentRefresh,
  CurrentConsent,
} from '@contract/customers.ts';

type Props = {
  customerId: string;
  /** Consent given that is stale (too old, or under a replaced wording): ask again. */
  refresh: readonly ConsentRefresh[];
  onRecorded: () => void;
};

function stateText(state: CurrentConsent | undefined): string {
  if (state === undefined) return 'Not asked';
  return `${state.granted ? 'Given' : 'Withdrawn'} ${formatDateTime(state.at)}`;
}

/**
 * Marketing consent per channel (F18): the current state, and the append-only record of what
 * was agreed, in which words, when, where and by whom. Withdrawing is one click, like giving.
 */
export function ConsentsSection({ customerId, refresh, onRecorded }: Props) {
  const can = useCan();
  const { settings } = useSession();
  // Consent is given in the shop's current words (Settings), so it is not stale at once.
  const wordingFor = useGrantWording();
  const loader = useCallback(() => api.consents(customerId), [customerId]);
  const consents = useLoad(loader);
  const [error, setError] = useState<string | null>(null);
  const once = useSubmitOnce((consent: ConsentInput) => api.recordConsent(customerId, consent));
  const busy = once.busy;

  const record = async (channel: ConsentChannel, granted: boolean) => {
    if (wordingFor === null) return;
    const wording = granted ? wordingFor(channel) : withdrawWording(channel, settings?.shopName);
    setError(null);
    const answer = await once.submit({ channel, granted, wording });
    if (answer.ok) {
      consents.reload();
      onRecorded();
    } else if (answer.error !== null) setError(errorMessage(answer.error));
  };

  const current = consents.data?.current;
  return (
    <section className="panel" data-testid="consents">
      <h2>Marketing consent</h2>
      <ErrorText message={consents.error ?? error} />
      {current !== undefined &&
        channels.map((channel) => {
          const state = consentOn(current, channel);
          const granted = state?.granted === true;
          const stale = refresh.find((item) => item.channel === channel);
          const wording = granted
            ? withdrawWording(channel, settings?.shopName)
            : (wordingFor?.(channel) ?? '…');
          return (
            <div key={channel} className="consent-channel">
              <p>
                <strong>{channelLabel[channel]}:</strong>{' '}
                <span className={granted ? 'badge ok' : 'badge'}>{stateText(state)}</span>
                {stale !== undefined && (
                  <span className="badge warn" data-testid={`consent-${channel}-stale`}>
                    stale: {stale.reasons.map(staleReasonText).join(', ')}
                  </span>
                )}
              </p>
              {can('consent.record') && (
                <div className="consent-action">
                  <p className="wording">“{wording}”</p>
                  <button
                    type="button"
                    disabled={busy || wordingFor === null}
                    data-testid={`consent-${channel}-${granted ? 'withdraw' : 'give'}`}
                    onClick={() => void record(channel, !granted)}
                  >
                    {granted ? 'Record withdrawal' : 'Record consent given'}
                  </button>
                </div>
              )}
              {can('consent.record') && granted && stale !== undefined && (
                <div className="consent-action">
                  <p className="wording">“{wordingFor?.(channel) ?? '…'}”</p>
                  <button
                    type="button"
                    disabled={busy || wordingFor === null}
                    data-testid={`consent-${channel}-refresh`}
                    onClick={() => void record(channel, true)}
                  >
                    Record consent given again, in these words
                  </button>
                </div>
              )}
            </div>
          );
        })}
      {consents.data !== null && consents.data.records.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>When</th>
              <th>Channel</th>
              <th>Consent</th>
              <th>Wording</th>
              <th>Staff</th>
              <th>Outlet</th>
            </tr>
          </thead>
          <tbody>
            {consents.data.records.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{channelLabel[r.channel]}</td>
                <td>{r.granted ? 'given' : 'withdrawn'}</td>
                <td className="wording">{r.wording}</td>
                <td>{r.staffName ?? '—'}</td>
                <td>{r.outletName ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
