import { insertAuditEntry, selectAuditEntries, type AuditRow } from '../store/audit.ts';
import type { Db } from '../store/database.ts';
import { actorColumns, type Actor } from './context.ts';

/**
 * The audit log records who did what: sign-ins and failures, staff and key changes,
 * every reveal of contact details, merges, imports and exports. `detail` must never
 * hold personal data (no phone, email or address); a reason typed by staff is fine.
 */
export async function recordAudit(
  db: Db,
  actor: Actor,
  entry: {
    action: string;
    subjectType?: string;
    subjectId?: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await insertAuditEntry(db, {
    action: entry.action,
    ...actorColumns(actor),
    actorLabel: actor.label,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? {},
  });
}

export async function listAudit(
  db: Db,
  filter: { action?: string; subjectId?: string; page: number; pageSize: number },
): Promise<{ items: AuditRow[]; total: number }> {
  const { rows, total } = await selectAuditEntries(db, {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  });
  return { items: rows, total };
}
