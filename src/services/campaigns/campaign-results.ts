import { ok, type Result } from '../../domain/result.ts';
import { countCampaignRecipients } from '../../store/campaign-recipients.ts';
import {
  countReconfirmations,
  countUnsubscribes,
  selectGroupOutcomes,
  type GroupOutcome,
} from '../../store/campaign-results.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { campaignView, getCampaign, type CampaignView } from './campaigns.ts';
import { reconfirmSource } from './reconfirm.ts';
import { unsubscribeSource } from './unsubscribe.ts';

/**
 * A campaign's results: how many were picked, sent, failed, skipped (by reason) and held
 * back; unsubscribes and (for a re-permission campaign) re-confirmations through its
 * links; and for those sent it against the control group,
 * return visits and spend within 30 days, so the uplift is measured, not assumed.
 */
export const resultWindowDays = 30;

export type CampaignResults = {
  recipients: number;
  pending: number;
  sent: number;
  failed: number;
  control: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  failedByReason: Record<string, number>;
  unsubscribes: number;
  /** Email consent given again through the campaign's re-confirm links. */
  reconfirmations: number;
  windowDays: number;
  /** Empty until the campaign has started. */
  outcomes: GroupOutcome[];
};

export async function campaignResults(
  deps: ServiceDeps,
  id: string,
): Promise<Result<{ campaign: CampaignView; results: CampaignResults }>> {
  const campaign = await getCampaign(deps, id);
  if (!campaign.ok) return campaign;
  const counts = await countCampaignRecipients(deps.db, id);
  const results: CampaignResults = {
    recipients: 0,
    pending: 0,
    sent: 0,
    failed: 0,
    control: 0,
    skipped: 0,
    skippedByReason: {},
    failedByReason: {},
    unsubscribes: await countUnsubscribes(deps.db, unsubscribeSource(id)),
    reconfirmations: await countReconfirmations(deps.db, reconfirmSource(id)),
    windowDays: resultWindowDays,
    outcomes: [],
  };
  for (const { state, reason, n } of counts) {
    results.recipients += n;
    results[state] += n;
    const byReason = state === 'skipped' ? results.skippedByReason : results.failedByReason;
    if (state === 'skipped' || state === 'failed') {
      const key = reason ?? 'unknown';
      byReason[key] = (byReason[key] ?? 0) + n;
    }
  }
  const startedAt = campaign.value.startedAt;
  if (startedAt) {
    results.outcomes = await selectGroupOutcomes(deps.db, {
      campaignId: id,
      startedAt,
      days: resultWindowDays,
    });
  }
  return ok({ campaign: campaignView(campaign.value), results });
}
