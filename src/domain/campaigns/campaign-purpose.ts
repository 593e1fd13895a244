import { isConsentStale, usableForSending, type ConsentRecordFacts } from '../consent-refresh.ts';
import type { ConsentSendingPolicy } from '../consent-refresh.ts';
import { fail, ok, type Result } from '../result.ts';
import type { SkipReason } from './send-outcome.ts';
import type { CompiledTemplate, TemplatePart } from './templates.ts';

/**
 * Why a campaign is sent. A marketing campaign (the default) reaches customers whose
 * latest email consent is given and usable for sending. A re-permission campaign (F18)
 * asks customers whose consent has gone stale to confirm it again: it reaches exactly
 * them, and its message must carry the {{reconfirm_link}} that records the new consent.
 */
export const campaignPurposes = ['marketing', 'repermission'] as const;
export type CampaignPurpose = (typeof campaignPurposes)[number];
export const defaultCampaignPurpose: CampaignPurpose = 'marketing';

export function isCampaignPurpose(value: unknown): value is CampaignPurpose {
  return (campaignPurposes as readonly unknown[]).includes(value);
}

export const reconfirmField = 'reconfirm_link';

function uses(compiled: CompiledTemplate, part: TemplatePart): boolean {
  return compiled[part].some(
    (segment) => segment.kind === 'field' && segment.field === reconfirmField,
  );
}

/**
 * A re-permission message without the link asks for consent it cannot record, so both
 * the HTML and the plain-text part must hold {{reconfirm_link}} (a text-only reader needs
 * it too). A marketing message must not hold it: it would let anyone on the list refresh
 * consent from an ordinary newsletter, where nobody was asked.
 */
export function checkPurposeTemplate(
  purpose: CampaignPurpose,
  compiled: CompiledTemplate,
): Result<null> {
  const parts: TemplatePart[] = ['subject', 'html', 'text'];
  if (purpose === 'marketing') {
    const part = parts.find((p) => uses(compiled, p));
    return part === undefined
      ? ok(null)
      : fail(
          'reconfirm_link_not_allowed',
          `${part}: {{${reconfirmField}}} belongs in re-permission campaigns only`,
          { field: part, details: { mergeField: reconfirmField } },
        );
  }
  const missing = (['html', 'text'] as const).find((p) => !uses(compiled, p));
  if (missing !== undefined) {
    return fail(
      'reconfirm_link_required',
      `${missing}: a re-permission campaign must contain {{${reconfirmField}}}, the link that re-confirms consent`,
      { field: missing, details: { mergeField: reconfirmField } },
    );
  }
  if (uses(compiled, 'subject')) {
    return fail(
      'reconfirm_link_not_allowed',
      `subject: {{${reconfirmField}}} belongs in the body, not the subject line`,
      { field: 'subject', details: { mergeField: reconfirmField } },
    );
  }
  return ok(null);
}

/**
 * Whether the latest email consent lets this campaign reach the customer; the skip reason
 * when not. Marketing: consent given and usable (not stale unless the shop allows stale
 * consent). Re-permission: consent given and stale by the same rule, whatever the shop
 * allows for marketing; consent that is fresh again (re-confirmed at the till since the
 * campaign started) is skipped, as there is nothing left to ask. Never anyone who
 * withdrew or was never asked.
 */
export function consentAllowsSending(
  purpose: CampaignPurpose,
  latest: ConsentRecordFacts | null,
  policy: ConsentSendingPolicy,
  now: Date,
): SkipReason | null {
  if (!latest) return 'no_consent';
  if (!latest.granted) return 'consent_withdrawn';
  if (purpose === 'marketing') {
    return usableForSending(latest, policy, now) ? null : 'consent_stale';
  }
  const current = policy.currentWordingIds[latest.channel] ?? null;
  return isConsentStale(latest, current, policy, now).length > 0 ? null : 'consent_not_stale';
}

/** The public re-confirm page for a token; `publicBaseUrl` as checkPublicBaseUrl gives it. */
export function reconfirmUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(token)}`;
}
