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

export type AuditFilter = {
  action?: string;
  subjectId?: string;
  /** Part of the actor's username or name (staff), or of its label (API key, system). */
  who?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  offset: number;
  limit: number;
};

/** `%`, `_` and `\` typed by someone searching are letters, not patterns. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function selectAuditEntries(
  db: Db,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.who) {
    const pattern = containing(filter.who.trim());
    query = query.where((eb) =>
      eb.or([
        eb('actor_label', 'ilike', pattern),
        eb(
          'actor_staff_id',
          'in',
          eb
            .selectFrom('staff')
            .select('staff.id')
            .where((staff) =>
              staff.or([
                staff('staff.username', 'ilike', pattern),
                staff('staff.display_name', 'ilike', pattern),
              ]),
            ),
        ),
      ]),
    );
  }
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  const count = await query
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
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

/** What the ids of a page of entries stand for, so the log reads in names and numbers. */
export type AuditReferences = {
  staff: Map<string, { username: string; name: string }>;
  customers: Map<string, { number: string; name: string }>;
  sales: Map<string, { number: string; currency: string; customerId: string | null }>;
  giftCards: Map<string, { number: string; currency: string; customerId: string | null }>;
  outlets: Map<string, { code: string; name: string; currency: string }>;
  registers: Map<string, { code: string; name: string }>;
  apiKeys: Map<string, { name: string }>;
};

export type AuditReferenceIds = { [K in keyof AuditReferences]: string[] };

// Subject ids are text and may name anything; only uuids can match a key column.
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const usable = (ids: string[]) => [...new Set(ids.filter((id) => uuidShape.test(id)))];

export async function selectAuditReferences(
  db: Db,
  ids: AuditReferenceIds,
): Promise<AuditReferences> {
  const staffIds = usable(ids.staff);
  const saleIds = usable(ids.sales);
  const cardIds = usable(ids.giftCards);
  const outletIds = usable(ids.outlets);
  const registerIds = usable(ids.registers);
  const keyIds = usable(ids.apiKeys);
  const sales = saleIds.length
    ? await db
        .selectFrom('sales')
        .select(['id', 'number', 'currency', 'customer_id'])
        .where('id', 'in', saleIds)
        .execute()
    : [];
  const cards = cardIds.length
    ? await db
        .selectFrom('gift_cards')
        .select(['id', 'number', 'currency', 'customer_id'])
        .where('id', 'in', cardIds)
        .execute()
    : [];
  // The customers of the sales and cards named too: the log shows whose they are.
  const customerIds = usable([
    ...ids.customers,
    ...sales.flatMap((sale) => sale.customer_id ?? []),
    ...cards.flatMap((card) => card.customer_id ?? []),
  ]);
  const customers = customerIds.length
    ? await db
        .selectFrom('customers')
        .select(['id', 'number', 'name'])
        .where('id', 'in', customerIds)
        .execute()
    : [];
  const staff = staffIds.length
    ? await db
        .selectFrom('staff')
        .select(['id', 'username', 'display_name'])
        .where('id', 'in', staffIds)
        .execute()
    : [];
  const outlets = outletIds.length
    ? await db
        .selectFrom('outlets')
        .select(['id', 'code', 'name', 'currency'])
        .where('id', 'in', outletIds)
        .execute()
    : [];
  const registers = registerIds.length
    ? await db
        .selectFrom('registers')
        .select(['id', 'code', 'name'])
        .where('id', 'in', registerIds)
        .execute()
    : [];
  const keys = keyIds.length
    ? await db.selectFrom('api_keys').select(['id', 'name']).where('id', 'in', keyIds).execute()
    : [];
  return {
    staff: new Map(
      staff.map((row) => [row.id, { username: row.username, name: row.display_name }]),
    ),
    customers: new Map(customers.map((row) => [row.id, { number: row.number, name: row.name }])),
    sales: new Map(
      sales.map((row) => [
        row.id,
        { number: row.number, currency: row.currency, customerId: row.customer_id },
      ]),
    ),
    giftCards: new Map(
      cards.map((row) => [
        row.id,
        { number: row.number, currency: row.currency, customerId: row.customer_id },
      ]),
    ),
    outlets: new Map(
      outlets.map((row) => [row.id, { code: row.code, name: row.name, currency: row.currency }]),
    ),
    registers: new Map(registers.map((row) => [row.id, { code: row.code, name: row.name }])),
    apiKeys: new Map(keys.map((row) => [row.id, { name: row.name }])),
  };
}
