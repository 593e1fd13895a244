import type { Db } from './database.ts';
import type { SealedContacts } from './customers.ts';
import type { LookupKind } from './schema.ts';

export async function findSealedContacts(
  db: Db,
  customerId: string,
): Promise<SealedContacts | undefined> {
  const row = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row ? toSealed(row) : undefined;
}

export async function selectSealedContacts(
  db: Db,
  customerIds: string[],
): Promise<Map<string, SealedContacts>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .execute();
  return new Map(rows.map((row) => [row.customer_id, toSealed(row)]));
}

function toSealed(row: {
  wrapped_key: Buffer;
  phone: Buffer | null;
  email: Buffer | null;
  address: Buffer | null;
  birthday: Buffer | null;
}): SealedContacts {
  return {
    wrappedKey: row.wrapped_key,
    phone: row.phone,
    email: row.email,
    address: row.address,
    birthday: row.birthday,
  };
}

export async function upsertSealedContacts(
  db: Db,
  customerId: string,
  contacts: SealedContacts,
  at: Date,
): Promise<void> {
  const values = {
    wrapped_key: contacts.wrappedKey,
    phone: contacts.phone,
    email: contacts.email,
    address: contacts.address,
    birthday: contacts.birthday,
    updated_at: at,
  };
  await db
    .insertInto('customer_contacts')
    .values({ customer_id: customerId, ...values })
    .onConflict((conflict) => conflict.column('customer_id').doUpdateSet(values))
    .execute();
}

export async function deleteSealedContacts(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
}

/** Replaces a customer's blind-index entries of the given kinds. */
export async function replaceLookups(
  db: Db,
  customerId: string,
  kinds: LookupKind[],
  lookups: { kind: LookupKind; digest: Buffer }[],
): Promise<void> {
  if (kinds.length > 0) {
    await db
      .deleteFrom('customer_lookups')
      .where('customer_id', '=', customerId)
      .where('kind', 'in', kinds)
      .execute();
  }
  if (lookups.length > 0) {
    await db
      .insertInto('customer_lookups')
      .values(lookups.map((lookup) => ({ ...lookup, customer_id: customerId })))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

export async function findCustomerIdsByLookup(
  db: Db,
  kind: LookupKind,
  digest: Buffer,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_lookups')
    .select('customer_id')
    .where('kind', '=', kind)
    .where('digest', '=', digest)
    .limit(limit)
    .execute();
  return rows.map((row) => row.customer_id);
}

/**
 * One customer's wrapped data key, or null when no customer has contact details: enough
 * to tell whether a master key opens the contact details of a database.
 */
export async function selectAnyWrappedDataKey(db: Db): Promise<Buffer | null> {
  const row = await db.selectFrom('customer_contacts').select('wrapped_key').limit(1).execute();
  return row[0]?.wrapped_key ?? null;
}
