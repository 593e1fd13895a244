import {
  checkCampaignAction,
  checkCampaignName,
  checkControlShare,
  defaultControlShareBp,
  type CampaignState,
} from '../../domain/campaigns/campaign-lifecycle.ts';
import {
  checkPurposeTemplate,
  defaultCampaignPurpose,
  isCampaignPurpose,
  type CampaignPurpose,
} from '../../domain/campaigns/campaign-purpose.ts';
import { compileTemplate } from '../../domain/campaigns/templates.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import {
  findCampaign,
  insertCampaign,
  selectCampaigns,
  updateDraftCampaign,
  type CampaignContent,
  type CampaignRow,
} from '../../store/campaigns.ts';
import { findCustomerSegment } from '../../store/customer-segments.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';

/**
 * Email campaigns (issue 14): a name, a saved segment, a purpose (marketing, or
 * re-permission for stale consent), and a template checked and compiled once when saved
 * (unknown merge fields, scripts, card numbers, an over-long subject, a re-confirm link
 * missing or out of place are refused naming the field). Only a draft may change;
 * marketers and admins (campaign.manage) do all of it.
 */
export type CampaignInput = {
  name: string;
  segmentId: string;
  subject: string;
  html: string;
  text: string;
  controlShareBp?: number;
  purpose?: CampaignPurpose;
};

export type CampaignView = {
  id: string;
  name: string;
  segmentId: string;
  subject: string;
  html: string;
  text: string;
  state: CampaignState;
  controlShareBp: number;
  purpose: CampaignPurpose;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function campaignView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    name: row.name,
    segmentId: row.segmentId,
    subject: row.subject,
    html: row.html,
    text: row.text,
    state: row.state,
    controlShareBp: row.controlShareBp,
    purpose: row.purpose,
    scheduledAt: isoOrNull(row.scheduledAt),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const campaignNotFound = () => fail('campaign_not_found', 'No campaign with that id');

/** Checks everything a draft holds, the template compiled; the first fault names its field. */
async function checkContent(db: Db, input: CampaignInput): Promise<Result<CampaignContent>> {
  const name = checkCampaignName(input.name);
  if (!name.ok) return name;
  if (!(await findCustomerSegment(db, input.segmentId))) {
    return invalid('segmentId', 'segmentId names no saved segment');
  }
  const purpose = input.purpose ?? defaultCampaignPurpose;
  if (!isCampaignPurpose(purpose)) {
    return invalid('purpose', 'purpose must be marketing or repermission');
  }
  const compiled = compileTemplate(input);
  if (!compiled.ok) return compiled;
  const fitsPurpose = checkPurposeTemplate(purpose, compiled.value);
  if (!fitsPurpose.ok) return fitsPurpose;
  const share = checkControlShare(input.controlShareBp ?? defaultControlShareBp);
  if (!share.ok) return share;
  return ok({
    name: name.value,
    segmentId: input.segmentId,
    subject: input.subject.trim(),
    html: input.html,
    text: input.text,
    compiled: compiled.value,
    controlShareBp: share.value,
    purpose,
  });
}

export async function createCampaign({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: CampaignInput;
}): Promise<Result<CampaignView>> {
  const content = await checkContent(deps.db, input);
  if (!content.ok) return content;
  const id = newId();
  return inTransaction(deps.db, async (trx) => {
    await insertCampaign(trx, {
      id,
      ...content.value,
      createdByStaffId: actorColumns(actor).actorStaffId,
      at: deps.now(),
    });
    await recordAudit({
      db: trx,
      actor,
      entry: { action: 'campaign.created', subjectType: 'campaign', subjectId: id },
    });
    const row = await findCampaign(trx, id);
    return row ? ok(campaignView(row)) : campaignNotFound();
  });
}

export async function updateCampaign({
  deps,
  actor,
  id,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  input: CampaignInput;
}): Promise<Result<CampaignView>> {
  const content = await checkContent(deps.db, input);
  if (!content.ok) return content;
  return inTransaction(deps.db, async (trx) => {
    const row = await findCampaign(trx, id, { forUpdate: true });
    if (!row) return campaignNotFound();
    const editable = checkCampaignAction(row.state, 'edit');
    if (!editable.ok) return editable;
    await updateDraftCampaign(trx, id, content.value, deps.now());
    await recordAudit({
      db: trx,
      actor,
      entry: { action: 'campaign.updated', subjectType: 'campaign', subjectId: id },
    });
    const updated = await findCampaign(trx, id);
    return updated ? ok(campaignView(updated)) : campaignNotFound();
  });
}

export async function getCampaign(deps: ServiceDeps, id: string): Promise<Result<CampaignRow>> {
  const row = await findCampaign(deps.db, id);
  return row ? ok(row) : campaignNotFound();
}

export async function listCampaigns(deps: ServiceDeps): Promise<CampaignView[]> {
  return (await selectCampaigns(deps.db, 200)).map(campaignView);
}
