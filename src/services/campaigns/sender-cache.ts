import { usesProfiling } from '../../domain/segments/segment-criteria.ts';
import { findCampaignSegmentDefinition } from '../../store/campaign-audience.ts';
import { findCampaign, type CampaignRow } from '../../store/campaigns.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { criteriaOfStored } from '../segments/segment-query.ts';

/** What every message of one campaign shares. */
export type CampaignFacts = {
  campaign: CampaignRow;
  /**
   * Whether its segment uses a profiling criterion (the segment may be edited while the
   * campaign sends). One that cannot be found counts as profiling, so an objector is
   * skipped when in doubt.
   */
  segmentProfiles: boolean;
};

/** Campaigns remembered at once: a shop sends a few at a time, never hundreds. */
export const maxCachedCampaigns = 16;

type Entry<T> = { readAt: number; value: T };

/**
 * The facts each message of a campaign shares (its row and its segment's profiling),
 * read again once they are `maxAgeMillis` old rather than for every message: at a
 * hundred messages a second they were most of the sender's queries. A change to a
 * segment reaches the sender within that time; what decides each recipient (their
 * consent, suppression, profiling objection) and the campaign's state (pause, cancel,
 * read by the claim) are still read for every message. The shop's consent rules and
 * rewards come from their own per-database caches. The campaigns kept are bounded,
 * oldest read dropped first.
 */
export class SenderCache {
  private readonly campaigns = new Map<string, Entry<CampaignFacts | null>>();

  constructor(
    private readonly maxAgeMillis = 1_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  private fresh<T>(entry: Entry<T> | null | undefined): entry is Entry<T> {
    return entry !== null && entry !== undefined && this.clock() - entry.readAt < this.maxAgeMillis;
  }

  /** The campaign and its segment's profiling, or null when the campaign is gone. */
  async campaignFacts(deps: ServiceDeps, campaignId: string): Promise<CampaignFacts | null> {
    const cached = this.campaigns.get(campaignId);
    if (this.fresh(cached)) return cached.value;
    const readAt = this.clock();
    const campaign = await findCampaign(deps.db, campaignId);
    const definition = campaign && (await findCampaignSegmentDefinition(deps.db, campaignId));
    const value = campaign
      ? {
          campaign,
          segmentProfiles: definition === undefined || usesProfiling(criteriaOfStored(definition)),
        }
      : null;
    this.campaigns.delete(campaignId);
    this.campaigns.set(campaignId, { readAt, value });
    for (const oldest of this.campaigns.keys()) {
      if (this.campaigns.size <= maxCachedCampaigns) break;
      this.campaigns.delete(oldest);
    }
    return value;
  }

  /** How many campaigns are remembered (for the test of the bound). */
  get campaignCount(): number {
    return this.campaigns.size;
  }
}
