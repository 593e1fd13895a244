import type {
  ConsentWording,
  ConsentWordingAnswer,
  ConsentWordingBody,
  ConsentWordingList,
  StaleConsentPage,
  StaleConsentQuery,
} from '@contract/consents.ts';
import type { ConsentChannel } from '@contract/customers.ts';
import { request } from '../api.ts';

/** Consent wordings (anyone signed in reads them; admins set them) and stale consent (F18). */
export const consentApi = {
  wordings: () => request<ConsentWordingList>('GET', '/consent-wordings'),
  setWording: (body: ConsentWordingBody) =>
    request<ConsentWordingAnswer>('PUT', '/consent-wordings', body),
  stale: (query: StaleConsentQuery) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return request<StaleConsentPage>('GET', `/consents/stale${text === '' ? '' : `?${text}`}`);
  },
};

/** The wording customers are asked to agree to now on `channel`, if the shop has one. */
export function currentWording(
  wordings: readonly ConsentWording[],
  channel: ConsentChannel,
): ConsentWording | undefined {
  return wordings.find((wording) => wording.channel === channel && wording.current);
}

/** A stale reason in words: `older_than_24_months` → "given over 24 months ago". */
export function staleReasonText(reason: string): string {
  const months = /^older_than_(\d+)_months$/.exec(reason)?.[1];
  if (months !== undefined) return `given over ${months} months ago`;
  return reason === 'outdated_wording' ? 'given under an earlier wording' : reason;
}
