import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type AuditEntry = {
  action: string;
  actorStaffId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string;
  outletId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
};

export type AuditRow = AuditEntry & { id: string; at: Date };

export async function insertAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      action: entry.action,
      actor_staff_id: entry.actorStaffId,
      actor_api_key_id: entry.actorApiKeyId,
      actor_label: entry.actorLabel,
      outlet_id: entry.outletId,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

export async function selectAuditEntries(
  db: Db,
  filter: { action?: string; subjectId?: string; offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.count),
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actorStaffId: row.actor_staff_id,
      actorApiKeyId: row.actor_api_key_id,
      actorLabel: row.actor_label,
      outletId: row.outlet_id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      detail: row.detail,
    })),
  };
}
