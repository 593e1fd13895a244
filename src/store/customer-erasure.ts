import { sql } from 'kysely';
import type { Preferences } from '../domain/customer.ts';
import type { Db } from './database.ts';

/**
 * The writes of one erasure (services/customers/customer-erasure.ts), each inside the
 * caller's transaction. Sales, lines, tenders and ledger entries are not touched: they stay
 * under the customer's id, which after erasure names no one.
 */

export async function markCustomerErased(
  db: Db,
  customerId: string,
  replacement: { name: string; searchName: string; preferences: Preferences; at: Date },
): Promise<void> {
  await db
    .updateTable('customers')
    .set({
      name: replacement.name,
      search_name: replacement.searchName,
      notes: null,
      preferences: JSON.stringify(replacement.preferences),
      status: 'erased',
      erased_at: replacement.at,
      updated_at: replacement.at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', customerId)
    .execute();
}

/**
 * Deletes the customer's name-search words, then the dictionary words no other customer
 * uses any more: the dictionary would otherwise keep a rare surname in clear.
 */
export async function deleteNameSearchWords(db: Db, customerId: string): Promise<void> {
  const words = await db
    .deleteFrom('customer_name_terms')
    .where('customer_id', '=', customerId)
    .returning('term')
    .execute();
  const terms = [...new Set(words.map((word) => word.term))];
  if (terms.length === 0) return;
  await sql`
    DELETE FROM name_terms t
    WHERE t.term IN (${sql.join(terms)})
      AND NOT EXISTS (SELECT 1 FROM customer_name_terms c WHERE c.term = t.term)
  `.execute(db);
}

export async function deleteAllLookups(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('customer_lookups').where('customer_id', '=', customerId).execute();
}

export async function deleteExternalIds(db: Db, customerId: string): Promise<number> {
  const result = await db
    .deleteFrom('customer_external_ids')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes the customer's card links and keeps the bare numbers as retired, so a scan
 * answers "erased" and no card is ever handed to someone else. Returns how many.
 */
export async function retireCards(db: Db, customerId: string, at: Date): Promise<number> {
  const cards = await db
    .selectFrom('customer_cards')
    .select('number')
    .where('customer_id', '=', customerId)
    .execute();
  if (cards.length === 0) return 0;
  const numbers = cards.map((card) => card.number);
  await db
    .insertInto('retired_cards')
    .values(numbers.map((number) => ({ number, retired_at: at })))
    .onConflict((conflict) => conflict.column('number').doNothing())
    .execute();
  // A lost card points at its replacement; both go, so the links go first.
  await db
    .updateTable('customer_cards')
    .set({ replaced_by: null })
    .where('replaced_by', 'in', numbers)
    .execute();
  await db.deleteFrom('customer_cards').where('number', 'in', numbers).execute();
  return numbers.length;
}

export async function isCardRetired(db: Db, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('retired_cards')
    .select('number')
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isCustomerNumberErased(db: Db, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('number', '=', number)
    .where('status', '=', 'erased')
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps which fields changed and when; the values (old and new) go. */
export async function scrubChangeValues(db: Db, customerId: string): Promise<void> {
  await sql`
    UPDATE customer_changes
    SET fields = (
      SELECT coalesce(jsonb_object_agg(key, 'erased'), '{}'::jsonb) FROM jsonb_each(fields)
    )
    WHERE customer_id = ${customerId}
  `.execute(db);
}

/**
 * Reduces each consent record to channel, granted or withdrawn, and time: the proof the
 * shop keeps. The table's guard allows exactly this update once the customer is erased.
 * The wording version goes too: the text is the shop's, but the link says what this
 * person was shown.
 */
export async function reduceConsentRecords(db: Db, customerId: string): Promise<void> {
  await db
    .updateTable('consent_records')
    .set({
      wording: '(erased)',
      wording_id: null,
      source: 'erased',
      staff_id: null,
      api_key_id: null,
      outlet_id: null,
    })
    .where('customer_id', '=', customerId)
    .execute();
}

/** An address already on the list keeps its first reason (erased, unsubscribed, ...). */
export async function suppressMarketing(
  db: Db,
  entries: { channel: 'email' | 'sms'; digest: Buffer }[],
  at: Date,
  reason: 'erased' | 'unsubscribed' = 'erased',
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('marketing_suppressions')
    .values(entries.map((entry) => ({ ...entry, reason, added_at: at })))
    .onConflict((conflict) => conflict.columns(['channel', 'digest']).doNothing())
    .execute();
}

export async function isMarketingSuppressed(
  db: Db,
  channel: 'email' | 'sms',
  digest: Buffer,
): Promise<boolean> {
  const row = await db
    .selectFrom('marketing_suppressions')
    .select('channel')
    .where('channel', '=', channel)
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row !== undefined;
}

/** Gift cards are bearer instruments: they keep working, but no longer name the customer. */
export async function unlinkGiftCards(db: Db, customerId: string): Promise<number> {
  const result = await db
    .updateTable('gift_cards')
    .set({ customer_id: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function leaveAllGroups(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('customer_group_members').where('customer_id', '=', customerId).execute();
}

/**
 * The register keeps each request's kind, dates and outcome as proof of an answer in time;
 * who asked, the notes and the outcomes' wording (free text that may name people) go.
 */
export async function scrubRightsRequests(db: Db, customerId: string): Promise<void> {
  await db
    .updateTable('rights_requests')
    .set({
      requested_by: '(erased)',
      note: null,
      outcome: sql<
        string | null
      >`CASE WHEN outcome IS NULL THEN NULL ELSE 'Done (details erased)' END`,
    })
    .where('customer_id', '=', customerId)
    .execute();
}

/**
 * Answers kept for idempotent retries may hold the customer's name or notes (a created or
 * updated customer). Every kept answer that names the customer's id is replaced by the
 * given one (the erased customer's refusal): the row stays, so a late retry of the same
 * request is answered, never run a second time.
 */
export async function replaceKeptAnswers(
  db: Db,
  customerId: string,
  answer: { status: number; body: string; type: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: answer.status, response_body: answer.body, response_type: answer.type })
    .where('response_body', 'like', `%${customerId}%`)
    .execute();
}
