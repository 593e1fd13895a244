import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Campaign } from '@contract/campaigns.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatMoney } from '../common/money.ts';
import { useLoad } from '../common/use-load.ts';
import { campaignsApi } from './campaigns-api.ts';

const CampaignChart = lazy(() => import('./CampaignChart.tsx'));

const actions: Record<string, ('pause' | 'resume' | 'cancel')[]> = {
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
};

/**
 * A campaign past its draft: pause, resume or cancel it, and its results (refreshed
 * every few seconds while it sends), with sent against the control group.
 */
export function CampaignResultsView({
  campaign,
  currency,
  onChanged,
}: {
  campaign: Campaign;
  currency: string;
  onChanged: (campaign: Campaign) => void;
}) {
  const loader = useCallback(() => campaignsApi.results(campaign.id), [campaign.id]);
  const results = useLoad(loader);
  const [error, setError] = useState<string | null>(null);
  const { reload } = results;
  const live = campaign.state === 'sending' || campaign.state === 'scheduled';
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [live, reload]);

  const r = results.data?.results;
  const state = results.data?.campaign.state ?? campaign.state;
  return (
    <section className="panel stack" data-testid="campaign-results">
      <h2>
        {campaign.name} <span className="muted">({state})</span>
      </h2>
      <div className="campaign-row">
        {(actions[state] ?? []).map((action) => (
          <button
            key={action}
            type="button"
            onClick={() =>
              void campaignsApi.control(campaign.id, action).then(
                (answer) => {
                  onChanged(answer.campaign);
                  reload();
                },
                (err: unknown) => setError(errorMessage(err)),
              )
            }
          >
            {action[0]?.toUpperCase()}
            {action.slice(1)}
          </button>
        ))}
      </div>
      <ErrorText message={error ?? results.error} />
      {r && (
        <>
          <table className="campaign-counts">
            <tbody>
              <tr>
                <th>Recipients</th>
                <td>{r.recipients}</td>
              </tr>
              <tr>
                <th>Sent</th>
                <td data-testid="campaign-sent">{r.sent}</td>
              </tr>
              <tr>
                <th>Still to send</th>
                <td>{r.pending}</td>
              </tr>
              <tr>
                <th>Failed</th>
                <td>{r.failed}</td>
              </tr>
              <tr>
                <th>Control group (not sent)</th>
                <td>{r.control}</td>
              </tr>
              <tr>
                <th>Skipped</th>
                <td>{r.skipped}</td>
              </tr>
              {Object.entries(r.skippedByReason).map(([reason, n]) => (
                <tr key={reason}>
                  <th className="muted">… {reason.replace(/_/g, ' ')}</th>
                  <td>{n}</td>
                </tr>
              ))}
              <tr>
                <th>Unsubscribed</th>
                <td>{r.unsubscribes}</td>
              </tr>
              {(campaign.purpose === 'repermission' || r.reconfirmations > 0) && (
                <tr>
                  <th>Re-confirmed consent</th>
                  <td data-testid="campaign-reconfirmations">{r.reconfirmations}</td>
                </tr>
              )}
            </tbody>
          </table>
          {r.outcomes.length > 0 && (
            <>
              <p className="muted">
                Within {r.windowDays} days:{' '}
                {r.outcomes
                  .map((o) => {
                    const spend = o.spend.find((s) => s.currency === currency)?.amount ?? 0;
                    return `${o.group} ${o.returned}/${o.size} came back, ${formatMoney(spend, currency)}`;
                  })
                  .join('; ')}
              </p>
              <Suspense fallback={<p className="muted">Loading chart…</p>}>
                <CampaignChart outcomes={r.outcomes} currency={currency} />
              </Suspense>
            </>
          )}
        </>
      )}
    </section>
  );
}
