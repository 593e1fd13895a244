import type { CurrentConsent } from '@contract/customers.ts';
import { channelLabel, channels, consentOn } from './consent-wording.ts';
import { formatDate } from './format.ts';

function describe(state: CurrentConsent | undefined): string {
  if (state === undefined) return 'not asked';
  return `${state.granted ? 'given' : 'withdrawn'} ${formatDate(state.at)}`;
}

/** Current marketing consent per channel, e.g. "Email: given 3 Mar 2025 · SMS: not asked". */
export function ConsentSummary({ consents }: { consents: readonly CurrentConsent[] }) {
  return (
    <ul className="inline-list">
      {channels.map((channel) => {
        const state = consentOn(consents, channel);
        return (
          <li key={channel}>
            {channelLabel[channel]}:{' '}
            <span className={state?.granted === true ? 'badge ok' : 'badge'}>
              {describe(state)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
