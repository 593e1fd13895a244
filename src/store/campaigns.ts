import { sql } from 'kysely';
import type { CompiledTemplate } from '../domain/campaigns/templates.ts';
import type { Db } from './database.ts';
import type { CampaignPurpose, CampaignState } from './schema.ts';

export type CampaignRow = {
  id: string;
  name: string;
  segmentId: string;
  subject: string;
  html: string;
  text: string;
  compiled: CompiledTemplate;
  state: CampaignState;
  scheduledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  controlShareBp: number;
  purpose: CampaignPurpose;
  createdByStaffId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CampaignContent = {
  name: string;
  segmentId: string;
  subject: string;
  html: string;
  text: string;
  compiled: CompiledTemplate;
  controlShareBp: number;
  purpose: CampaignPurpose;
};

const columns = [
  'id',
  'name',
  'segment_id',
  'subject_source',
  'html_source',
  'text_source',
  'compiled',
  'state',
  'scheduled_at',
  'started_at',
  'finished_at',
  'control_share_bp',
  'purpose',
  'created_by_staff_id',
  'created_at',
  'updated_at',
] as const;

type Selected = {
  id: string;
  name: string;
  segment_id: string;
  subject_source: string;
  html_source: string;
  text_source: string;
  compiled: unknown;
  state: CampaignState;
  scheduled_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  control_share_bp: number;
  purpose: CampaignPurpose;
  created_by_staff_id: string | null;
  created_at: Date;
  updated_at: Date;
};

function toRow(row: Selected): CampaignRow {
  return {
    id: row.id,
    name: row.name,
    segmentId: row.segment_id,
    subject: row.subject_source,
    html: row.html_source,
    text: row.text_source,
    compiled: row.compiled as CompiledTemplate,
    state: row.state,
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    controlShareBp: row.control_share_bp,
    purpose: row.purpose,
    createdByStaffId: row.created_by_staff_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function contentColumns(content: CampaignContent) {
  return {
    name: content.name,
    segment_id: content.segmentId,
    subject_source: content.subject,
    html_source: content.html,
    text_source: content.text,
    compiled: JSON.stringify(content.compiled),
    control_share_bp: content.controlShareBp,
    purpose: content.purpose,
  };
}

export async function insertCampaign(
  db: Db,
  campaign: CampaignContent & { id: string; createdByStaffId: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('campaigns')
    .values({
      id: campaign.id,
      ...contentColumns(campaign),
      created_by_staff_id: campaign.createdByStaffId,
      created_at: campaign.at,
      updated_at: campaign.at,
    })
    .execute();
}

/** Changes a draft's content; false when it is no longer a draft. */
export async function updateDraftCampaign(
  db: Db,
  id: string,
  content: CampaignContent,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({ ...contentColumns(content), updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findCampaign(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CampaignRow | undefined> {
  let query = db.selectFrom('campaigns').select(columns).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function selectCampaigns(db: Db, limit: number): Promise<CampaignRow[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select(columns)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** Moves a campaign from one of `from` to `to`; false when it was in none of them. */
export async function updateCampaignState(
  db: Db,
  {
    id,
    from,
    to,
    at,
    scheduledAt,
  }: { id: string; from: CampaignState[]; to: CampaignState; at: Date; scheduledAt?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({
      state: to,
      updated_at: at,
      ...(scheduledAt ? { scheduled_at: scheduledAt } : {}),
      ...(to === 'finished' ? { finished_at: at } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Scheduled campaigns whose time has come, oldest first. */
export async function selectDueCampaignIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select('id')
    .where('state', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .execute();
  return rows.map((row) => row.id);
}

/** Every recipient row exists: the campaign starts sending (unless paused or cancelled since). */
export async function markCampaignStarted(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({ state: 'sending', started_at: at, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'scheduled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Sending campaigns with no message still owed are finished. */
export async function finishDrainedCampaigns(db: Db, at: Date): Promise<number> {
  const result = await sql`
    UPDATE campaigns c SET state = 'finished', finished_at = ${at}, updated_at = ${at}
    WHERE c.state = 'sending' AND NOT EXISTS (
      SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.state = 'pending'
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
