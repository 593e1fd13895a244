import {
  checkCampaignAction,
  checkScheduledAt,
  resumedState,
  type CampaignAction,
  type CampaignState,
} from '../../domain/campaigns/campaign-lifecycle.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { skipUnclaimedRecipients } from '../../store/campaign-recipients.ts';
import { findCampaign, updateCampaignState, type CampaignRow } from '../../store/campaigns.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { segmentMemberIds } from '../segments/segment-audience.ts';
import { publicBaseUrlForSending, smtpForSending } from '../shop/mail-settings.ts';
import { campaignNotFound, campaignView, type CampaignView } from './campaigns.ts';

/**
 * Scheduling (or sending now), pausing, resuming and cancelling. The sender honours each
 * between two messages: it only takes messages of campaigns that are sending.
 */

/** Nothing may be scheduled that could not be sent: mail set up, and someone to send to. */
async function checkReadyToSend(deps: ServiceDeps, row: CampaignRow): Promise<Result<null>> {
  const url = await publicBaseUrlForSending(deps.db);
  if (!url.ok) return url;
  const smtp = await smtpForSending(deps);
  if (!smtp.ok) return smtp;
  const first = await segmentMemberIds(deps, {
    segmentId: row.segmentId,
    after: null,
    limit: 1,
  });
  if (!first.ok) return first;
  if (first.value.length === 0) {
    return fail('segment_empty', 'The segment holds no customers now: there is no one to send to', {
      field: 'segmentId',
    });
  }
  return ok(null);
}

async function audited(
  deps: ServiceDeps,
  actor: Actor,
  { id, action, detail }: { id: string; action: CampaignAction; detail?: Record<string, unknown> },
  change: (trx: Db, row: CampaignRow) => Promise<void>,
): Promise<Result<CampaignView>> {
  return inTransaction(deps.db, async (trx) => {
    const row = await findCampaign(trx, id, { forUpdate: true });
    if (!row) return campaignNotFound();
    const allowed = checkCampaignAction(row.state, action);
    if (!allowed.ok) return allowed;
    await change(trx, row);
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: `campaign.${action}`,
        subjectType: 'campaign',
        subjectId: id,
        ...(detail ? { detail } : {}),
      },
    });
    const after = await findCampaign(trx, id);
    return after ? ok(campaignView(after)) : campaignNotFound();
  });
}

/** Schedules a draft for `scheduledAt`, or for now when null (send now). */
export async function scheduleCampaign({
  deps,
  actor,
  id,
  scheduledAt,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  scheduledAt: Date | null;
}): Promise<Result<CampaignView>> {
  const now = deps.now();
  const at = checkScheduledAt(scheduledAt, now);
  if (!at.ok) return at;
  const row = await findCampaign(deps.db, id);
  if (!row) return campaignNotFound();
  const allowed = checkCampaignAction(row.state, 'schedule');
  if (!allowed.ok) return allowed;
  const ready = await checkReadyToSend(deps, row);
  if (!ready.ok) return ready;
  const detail = { scheduledAt: at.value.toISOString() };
  return audited(deps, actor, { id, action: 'schedule', detail }, async (trx) => {
    await updateCampaignState(trx, {
      id,
      from: ['draft'],
      to: 'scheduled',
      at: now,
      scheduledAt: at.value,
    });
  });
}

type Control = { deps: ServiceDeps; actor: Actor; id: string };

export function pauseCampaign({ deps, actor, id }: Control): Promise<Result<CampaignView>> {
  return inTransactionChange(deps, actor, id, 'pause', (row) => ({
    from: [row.state],
    to: 'paused',
  }));
}

export function resumeCampaign({ deps, actor, id }: Control): Promise<Result<CampaignView>> {
  return inTransactionChange(deps, actor, id, 'resume', (row) => ({
    from: ['paused'],
    to: resumedState(row.startedAt !== null),
  }));
}

/** Cancelled: every message still owed is skipped (the one in flight ends as it ends). */
export function cancelCampaign({ deps, actor, id }: Control): Promise<Result<CampaignView>> {
  return audited(deps, actor, { id, action: 'cancel' }, async (trx, row) => {
    const at = deps.now();
    await updateCampaignState(trx, { id, from: [row.state], to: 'cancelled', at });
    await skipUnclaimedRecipients(trx, { campaignId: id, reason: 'campaign_cancelled', at });
  });
}

function inTransactionChange(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  action: CampaignAction,
  move: (row: CampaignRow) => { from: CampaignState[]; to: CampaignState },
): Promise<Result<CampaignView>> {
  return audited(deps, actor, { id, action }, async (trx, row) => {
    await updateCampaignState(trx, { id, ...move(row), at: deps.now() });
  });
}
