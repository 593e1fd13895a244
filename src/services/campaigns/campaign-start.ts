import { isHeldBack } from '../../domain/campaigns/campaign-lifecycle.ts';
import {
  insertCampaignRecipients,
  skipUnclaimedRecipients,
} from '../../store/campaign-recipients.ts';
import {
  findCampaign,
  markCampaignStarted,
  selectDueCampaignIds,
  type CampaignRow,
} from '../../store/campaigns.ts';
import { newId } from '../../store/ids.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { segmentMemberIds } from '../segments/segment-audience.ts';

const pageSize = 1000;

/**
 * Starts the campaigns whose time has come: the segment is evaluated now, a page of ids
 * at a time (keyset paging), and each member gets a recipient row, pending or held back
 * in the control group by a random draw stored on the row. Inserting is idempotent (one
 * row per campaign and customer), so a start cut short by a crash is simply run again:
 * rows already there keep their draw. Only when every row exists does the campaign
 * become 'sending'. Consent is not decided here but when each message goes out.
 */
export async function startDueCampaigns(deps: ServiceDeps): Promise<number> {
  let started = 0;
  for (const id of await selectDueCampaignIds(deps.db, deps.now())) {
    const row = await findCampaign(deps.db, id);
    if (row && (await materialiseRecipients(deps, row))) started += 1;
  }
  return started;
}

async function materialiseRecipients(deps: ServiceDeps, campaign: CampaignRow): Promise<boolean> {
  let after: string | null = null;
  for (;;) {
    const page = await segmentMemberIds(deps, {
      segmentId: campaign.segmentId,
      after,
      limit: pageSize,
    });
    if (!page.ok) return false;
    await insertCampaignRecipients(
      deps.db,
      page.value.map((customerId) => ({
        id: newId(),
        campaignId: campaign.id,
        customerId,
        state: isHeldBack(deps.randomInt(0, 10_000), campaign.controlShareBp)
          ? 'control'
          : 'pending',
      })),
    );
    if (page.value.length < pageSize) break;
    after = page.value.at(-1) ?? null;
  }
  const at = deps.now();
  if (await markCampaignStarted(deps.db, campaign.id, at)) return true;
  // Paused or cancelled while the rows were written: a cancelled campaign owes nothing.
  const now = await findCampaign(deps.db, campaign.id);
  if (now?.state === 'cancelled') {
    await skipUnclaimedRecipients(deps.db, {
      campaignId: campaign.id,
      reason: 'campaign_cancelled',
      at,
    });
  }
  return false;
}
