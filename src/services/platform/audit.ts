import {
  insertAuditEntry,
  selectAuditEntries,
  selectAuditReferences,
  type AuditReferenceIds,
  type AuditReferences,
  type AuditRow,
} from '../../store/audit.ts';
import type { Db } from '../../store/database.ts';
import { actorColumns, type Actor } from './context.ts';

/**
 * The audit log records who did what: sign-ins and failures, staff and key changes,
 * every reveal of contact details, customers created, merges, imports and exports.
 * `detail` must never hold personal data (no phone, email or address); a reason typed
 * by staff is fine. Money in `detail` is in minor units of the entry's currency.
 */
export async function recordAudit({
  db,
  actor,
  entry,
}: {
  db: Db;
  actor: Actor;
  entry: {
    action: string;
    subjectType?: string;
    subjectId?: string;
    detail?: Record<string, unknown>;
  };
}): Promise<void> {
  await insertAuditEntry(db, {
    action: entry.action,
    ...actorColumns(actor),
    actorLabel: actor.label,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? {},
  });
}

export type AuditItem = {
  id: string;
  at: Date;
  action: string;
  /** As logged: a staff member's username, `api-key:<name>`, or a label such as `cli`. */
  actorLabel: string;
  actor: { kind: 'staff' | 'api_key' | 'system'; name: string; username: string | null };
  subjectType: string | null;
  subjectId: string | null;
  /** The subject as people know it: a sale number, a card's last digits, a till's name. */
  subjectLabel: string | null;
  /** The customer it concerned, directly or through the sale or card it names. */
  customer: { id: string; number: string; name: string } | null;
  /** The currency of the amounts in `detail`, where one is known. */
  currency: string | null;
  detail: Record<string, unknown>;
  /** Readable names for the ids `detail` holds (a customer, a supervisor, a till). */
  names: Record<string, string>;
};

export type AuditQuery = {
  action?: string;
  subjectId?: string;
  who?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
};

type DetailKind = 'customers' | 'staff' | 'sales' | 'registers' | 'outlets';

/** Which references a detail key holds, by its name: customerId, approvedByStaffId, … */
function kindOfDetailKey(key: string): DetailKind | null {
  if (/(^c|C)ustomerId$/.test(key)) return 'customers';
  if (/(^s|S)taffId$/.test(key)) return 'staff';
  if (/(^s|S)aleId$/.test(key)) return 'sales';
  if (key === 'registerId') return 'registers';
  if (key === 'outletId') return 'outlets';
  return null;
}

function detailIds(row: AuditRow): { kind: DetailKind; id: string }[] {
  return Object.entries(row.detail).flatMap(([key, value]) => {
    const kind = kindOfDetailKey(key);
    return kind && typeof value === 'string' ? [{ kind, id: value }] : [];
  });
}

const subjectKinds: Record<string, keyof AuditReferenceIds> = {
  customer: 'customers',
  staff: 'staff',
  sale: 'sales',
  gift_card: 'giftCards',
  outlet: 'outlets',
  register: 'registers',
  api_key: 'apiKeys',
};

function referenceIds(rows: AuditRow[]): AuditReferenceIds {
  const ids: AuditReferenceIds = {
    staff: [],
    customers: [],
    sales: [],
    giftCards: [],
    outlets: [],
    registers: [],
    apiKeys: [],
  };
  for (const row of rows) {
    if (row.actorStaffId) ids.staff.push(row.actorStaffId);
    if (row.actorApiKeyId) ids.apiKeys.push(row.actorApiKeyId);
    if (row.outletId) ids.outlets.push(row.outletId);
    const kind = row.subjectType ? subjectKinds[row.subjectType] : undefined;
    if (kind && row.subjectId) ids[kind].push(row.subjectId);
    for (const { kind, id } of detailIds(row)) ids[kind].push(id);
  }
  return ids;
}

function nameOf(kind: DetailKind, id: string, refs: AuditReferences): string | undefined {
  if (kind === 'customers') {
    const customer = refs.customers.get(id);
    return customer && `${customer.number} ${customer.name}`;
  }
  if (kind === 'staff') return refs.staff.get(id)?.name;
  if (kind === 'sales') return refs.sales.get(id)?.number;
  const place = kind === 'registers' ? refs.registers.get(id) : refs.outlets.get(id);
  return place && `${place.name} (${place.code})`;
}

function subjectLabel(row: AuditRow, refs: AuditReferences): string | null {
  const id = row.subjectId ?? '';
  switch (row.subjectType) {
    case 'sale': {
      const sale = refs.sales.get(id);
      return sale ? `sale ${sale.number}` : null;
    }
    case 'gift_card': {
      const card = refs.giftCards.get(id);
      // A gift card number spends like cash: the log shows its last digits only.
      return card ? `gift card •••• ${card.number.slice(-4)}` : null;
    }
    case 'staff': {
      const staff = refs.staff.get(id);
      return staff ? `${staff.name} (${staff.username})` : null;
    }
    case 'outlet':
    case 'register':
      return nameOf(row.subjectType === 'outlet' ? 'outlets' : 'registers', id, refs) ?? null;
    case 'api_key':
      return refs.apiKeys.get(id) ? `API key ${refs.apiKeys.get(id)!.name}` : null;
    case 'product':
      return typeof row.detail.sku === 'string' ? `product ${row.detail.sku}` : null;
    default:
      return null;
  }
}

function customerOf(row: AuditRow, refs: AuditReferences): AuditItem['customer'] {
  const id = row.subjectId ?? '';
  const candidates = [
    row.subjectType === 'customer' ? id : null,
    row.subjectType === 'sale' ? refs.sales.get(id)?.customerId : null,
    row.subjectType === 'gift_card' ? refs.giftCards.get(id)?.customerId : null,
    ...detailIds(row).flatMap((ref) => (ref.kind === 'customers' ? [ref.id] : [])),
  ];
  for (const candidate of candidates) {
    const customer = candidate ? refs.customers.get(candidate) : undefined;
    if (candidate && customer) return { id: candidate, ...customer };
  }
  return null;
}

function currencyOf(row: AuditRow, refs: AuditReferences): string | null {
  const id = row.subjectId ?? '';
  if (typeof row.detail.currency === 'string') return row.detail.currency;
  if (row.subjectType === 'sale' && refs.sales.has(id)) return refs.sales.get(id)!.currency;
  if (row.subjectType === 'gift_card' && refs.giftCards.has(id))
    return refs.giftCards.get(id)!.currency;
  if (row.subjectType === 'outlet' && refs.outlets.has(id)) return refs.outlets.get(id)!.currency;
  // Otherwise the amounts are in the currency of the outlet it happened at.
  return (row.outletId && refs.outlets.get(row.outletId)?.currency) || null;
}

function actorOf(row: AuditRow, refs: AuditReferences): AuditItem['actor'] {
  const staff = row.actorStaffId ? refs.staff.get(row.actorStaffId) : undefined;
  if (staff) return { kind: 'staff', name: staff.name, username: staff.username };
  if (row.actorApiKeyId) {
    const key = refs.apiKeys.get(row.actorApiKeyId);
    return { kind: 'api_key', name: key?.name ?? row.actorLabel, username: null };
  }
  return { kind: 'system', name: row.actorLabel, username: null };
}

/** A page of the log, newest first, each entry in the names and numbers staff know. */
export async function listAudit(
  db: Db,
  query: AuditQuery,
): Promise<{ items: AuditItem[]; total: number }> {
  const { rows, total } = await selectAuditEntries(db, {
    ...(query.action ? { action: query.action } : {}),
    ...(query.subjectId ? { subjectId: query.subjectId } : {}),
    ...(query.who?.trim() ? { who: query.who } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const refs = await selectAuditReferences(db, referenceIds(rows));
  const items = rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actorLabel: row.actorLabel,
    actor: actorOf(row, refs),
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subjectLabel: subjectLabel(row, refs),
    customer: customerOf(row, refs),
    currency: currencyOf(row, refs),
    detail: row.detail,
    names: Object.fromEntries(
      detailIds(row).flatMap(({ kind, id }) => {
        const name = nameOf(kind, id, refs);
        return name ? [[id, name]] : [];
      }),
    ),
  }));
  return { items, total };
}
