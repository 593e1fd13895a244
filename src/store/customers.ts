import { sql } from 'kysely';
import type { Preferences } from '../domain/customer.ts';
import type { Db } from './database.ts';
import { preparedQuery } from './prepared-statements.ts';
import type { LookupKind } from './schema.ts';

export type CustomerRow = {
  id: string;
  number: string;
  name: string;
  searchName: string;
  preferences: Preferences;
  notes: string | null;
  status: 'active' | 'merged' | 'erased';
  mergedIntoId: string | null;
  objectsToProfilingAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

export type SealedContacts = {
  wrappedKey: Buffer;
  phone: Buffer | null;
  email: Buffer | null;
  address: Buffer | null;
  birthday: Buffer | null;
};

/** Everything one new customer writes, prepared (and encrypted) before the transaction. */
export type NewCustomerRecord = {
  id: string;
  number: string;
  name: string;
  searchName: string;
  terms: string[];
  preferences: Preferences;
  notes: string | null;
  createdByStaffId: string | null;
  createdOutletId: string | null;
  createdAt: Date;
  contacts: SealedContacts | null;
  lookups: { kind: LookupKind; digest: Buffer }[];
};

export const customerColumns = [
  'id',
  'number',
  'name',
  'search_name',
  'preferences',
  'notes',
  'status',
  'merged_into_id',
  'objects_to_profiling_at',
  'erased_at',
  'created_at',
  'updated_at',
  'version',
] as const;

type CustomerRecord = {
  id: string;
  number: string;
  name: string;
  search_name: string;
  preferences: Preferences;
  notes: string | null;
  status: CustomerRow['status'];
  merged_into_id: string | null;
  objects_to_profiling_at: Date | null;
  erased_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
};

export function toCustomerRow(row: CustomerRecord): CustomerRow {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    searchName: row.search_name,
    preferences: row.preferences,
    notes: row.notes,
    status: row.status,
    mergedIntoId: row.merged_into_id,
    objectsToProfilingAt: row.objects_to_profiling_at,
    erasedAt: row.erased_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * Inserts new customers with their sealed contacts, blind indexes and name terms in a
 * handful of multi-row statements. Returns the ids of records whose number was already taken (the
 * caller draws new ones); nothing else is inserted for those.
 */
export async function insertCustomerRecords(
  db: Db,
  records: NewCustomerRecord[],
): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const inserted = await db
    .insertInto('customers')
    .values(
      records.map((record) => ({
        id: record.id,
        number: record.number,
        name: record.name,
        search_name: record.searchName,
        preferences: JSON.stringify(record.preferences),
        notes: record.notes,
        created_by_staff_id: record.createdByStaffId,
        created_outlet_id: record.createdOutletId,
        created_at: record.createdAt,
        updated_at: record.createdAt,
      })),
    )
    .onConflict((conflict) => conflict.column('number').doNothing())
    .returning('id')
    .execute();
  const insertedIds = new Set(inserted.map((row) => row.id));
  const kept = records.filter((record) => insertedIds.has(record.id));
  const contacts = kept.flatMap((record) =>
    record.contacts ? [{ customer_id: record.id, ...sealedColumns(record.contacts) }] : [],
  );
  if (contacts.length > 0) await db.insertInto('customer_contacts').values(contacts).execute();
  const lookups = kept.flatMap((record) =>
    record.lookups.map((lookup) => ({ ...lookup, customer_id: record.id })),
  );
  if (lookups.length > 0) {
    await db
      .insertInto('customer_lookups')
      .values(lookups)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  await insertNameTerms(
    db,
    kept.flatMap((record) =>
      record.terms.map((term) => ({
        term,
        search_name: record.searchName,
        customer_id: record.id,
      })),
    ),
  );
  return new Set(records.filter((record) => !insertedIds.has(record.id)).map((r) => r.id));
}

function sealedColumns(contacts: SealedContacts) {
  return {
    wrapped_key: contacts.wrappedKey,
    phone: contacts.phone,
    email: contacts.email,
    address: contacts.address,
    birthday: contacts.birthday,
  };
}

async function insertNameTerms(
  db: Db,
  rows: { term: string; search_name: string; customer_id: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('customer_name_terms').values(rows).execute();
  const distinct = [...new Set(rows.map((row) => row.term))].sort();
  await db
    .insertInto('name_terms')
    .values(distinct.map((term) => ({ term })))
    .onConflict((conflict) => conflict.column('term').doNothing())
    .execute();
}

export async function replaceNameTerms(
  db: Db,
  customerId: string,
  searchName: string,
  terms: string[],
): Promise<void> {
  await db.deleteFrom('customer_name_terms').where('customer_id', '=', customerId).execute();
  await insertNameTerms(
    db,
    terms.map((term) => ({ term, search_name: searchName, customer_id: customerId })),
  );
}

export async function deleteNameTerms(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('customer_name_terms').where('customer_id', '=', customerId).execute();
}

// Every look-up of a customer by id reads this: compiled once and prepared.
const byId = preparedQuery((db) =>
  db.selectFrom('customers').select(customerColumns).where('id', '=', ''),
);

export async function findCustomerById(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRow | undefined> {
  const [row] = options.forUpdate
    ? [
        await db
          .selectFrom('customers')
          .select(customerColumns)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst(),
      ]
    : await byId(db, [id]);
  return row ? toCustomerRow(row) : undefined;
}

export async function findCustomerByNumber(
  db: Db,
  number: string,
): Promise<CustomerRow | undefined> {
  const row = await db
    .selectFrom('customers')
    .select(customerColumns)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? toCustomerRow(row) : undefined;
}

export async function selectCustomersByIds(db: Db, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('customers')
    .select(customerColumns)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toCustomerRow);
}

export async function updateCustomer(
  db: Db,
  id: string,
  changes: Partial<{
    name: string;
    searchName: string;
    preferences: Preferences;
    notes: string | null;
    status: CustomerRow['status'];
    mergedIntoId: string | null;
  }>,
  at: Date,
): Promise<CustomerRow> {
  const row = await db
    .updateTable('customers')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.searchName !== undefined ? { search_name: changes.searchName } : {}),
      ...(changes.preferences !== undefined
        ? { preferences: JSON.stringify(changes.preferences) }
        : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.mergedIntoId !== undefined ? { merged_into_id: changes.mergedIntoId } : {}),
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .returning(customerColumns)
    .executeTakeFirstOrThrow();
  return toCustomerRow(row);
}

export type CustomerListFilter = {
  text?: string;
  status?: CustomerRow['status'];
  emailConsent?: boolean;
  createdFrom?: Date;
  createdBefore?: Date;
  outletId?: string;
  offset: number;
  limit: number;
};

/** `customers` as `c`, the alias the list's filters and the till hint's joins refer to. */
export const fromCustomers = (db: Db) => db.selectFrom('customers as c');
export type CustomersQuery = ReturnType<typeof fromCustomers>;

/** The back-office list: filters, ordered by name, with the total for paging. */
export async function selectCustomerPage(
  db: Db,
  filter: CustomerListFilter,
): Promise<{ rows: CustomerRow[]; total: number }> {
  const query = filterCustomerPage(db, filter);
  const rows = await query
    .select(customerColumns.map((column) => `c.${column}` as const))
    .orderBy('c.search_name')
    .orderBy('c.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return { rows: rows.map(toCustomerRow), total: await countCustomerPage(query) };
}

/** The list's customers, not yet ordered, paged or selected. */
export function filterCustomerPage(db: Db, filter: CustomerListFilter): CustomersQuery {
  let query = fromCustomers(db);
  query = query.where('c.status', '=', filter.status ?? 'active');
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('c.search_name', 'like', pattern), eb('c.number', 'like', pattern)]),
    );
  }
  if (filter.createdFrom) query = query.where('c.created_at', '>=', filter.createdFrom);
  if (filter.createdBefore) query = query.where('c.created_at', '<', filter.createdBefore);
  if (filter.outletId) query = query.where('c.created_outlet_id', '=', filter.outletId);
  if (filter.emailConsent !== undefined) {
    const latestEmailConsent = sql<boolean>`(
      SELECT granted FROM consent_records r
      WHERE r.customer_id = c.id AND r.channel = 'email'
      ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1)`;
    query = filter.emailConsent
      ? query.where(latestEmailConsent, '=', true)
      : query.where(sql<boolean>`coalesce(${latestEmailConsent}, false)`, '=', false);
  }
  return query;
}

export async function countCustomerPage(query: CustomersQuery): Promise<number> {
  const count = await query
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count.count);
}

export async function countCustomers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** What a search result needs, read in one round trip: the row, sealed phone/email, cards. */
export type CustomerSummaryRow = {
  id: string;
  number: string;
  name: string;
  status: CustomerRow['status'];
  mergedIntoId: string | null;
  wrappedKey: Buffer | null;
  phone: Buffer | null;
  email: Buffer | null;
  hasAddress: boolean;
  hasBirthday: boolean;
  cards: {
    number: string;
    status: 'active' | 'lost';
    linkedAt: string;
    replacedBy: string | null;
  }[];
};

export type SummaryFilter =
  | { ids: string[] }
  | { number: string }
  | { activeCard: string }
  | { lookup: { kind: LookupKind; digest: Buffer } };

function summaryWhere(filter: SummaryFilter) {
  if ('ids' in filter) return sql`c.id = ANY(${filter.ids}::uuid[])`;
  if ('number' in filter) return sql`c.number = ${filter.number}`;
  if ('activeCard' in filter) {
    return sql`c.id IN (SELECT customer_id FROM customer_cards
      WHERE number = ${filter.activeCard} AND status = 'active')`;
  }
  return sql`c.id IN (SELECT customer_id FROM customer_lookups
    WHERE kind = ${filter.lookup.kind} AND digest = ${filter.lookup.digest} LIMIT 20)`;
}

export async function selectCustomerSummaries(
  db: Db,
  ids: string[],
): Promise<CustomerSummaryRow[]> {
  return ids.length === 0 ? [] : selectCustomerSummariesWhere(db, { ids });
}

/**
 * Search results in one round trip: the identifier look-up (by number, card or blind
 * index) and the summary are one statement, which keeps a scan to a millisecond or two.
 */
export async function selectCustomerSummariesWhere(
  db: Db,
  filter: SummaryFilter,
): Promise<CustomerSummaryRow[]> {
  const result = await sql<{
    id: string;
    number: string;
    name: string;
    status: CustomerRow['status'];
    merged_into_id: string | null;
    wrapped_key: Buffer | null;
    phone: Buffer | null;
    email: Buffer | null;
    has_address: boolean;
    has_birthday: boolean;
    cards: CustomerSummaryRow['cards'];
  }>`
    SELECT c.id, c.number, c.name, c.status, c.merged_into_id,
      cc.wrapped_key, cc.phone, cc.email,
      cc.address IS NOT NULL AS has_address, cc.birthday IS NOT NULL AS has_birthday,
      COALESCE((
        SELECT json_agg(json_build_object(
          'number', k.number, 'status', k.status, 'linkedAt', k.linked_at, 'replacedBy', k.replaced_by)
          ORDER BY k.linked_at)
        FROM customer_cards k WHERE k.customer_id = c.id), '[]'::json) AS cards
    FROM customers c
    LEFT JOIN customer_contacts cc ON cc.customer_id = c.id
    WHERE ${summaryWhere(filter)}
  `.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    number: row.number,
    name: row.name,
    status: row.status,
    mergedIntoId: row.merged_into_id,
    wrappedKey: row.wrapped_key,
    phone: row.phone,
    email: row.email,
    hasAddress: row.has_address,
    hasBirthday: row.has_birthday,
    cards: row.cards.map((card) => ({ ...card, linkedAt: new Date(card.linkedAt).toISOString() })),
  }));
}
