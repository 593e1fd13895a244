import type { Db } from './database.ts';

/** An active customer with the latest SMS consent record, if any (consents.ts rule). */
export type SmsAudienceRow = {
  customerId: string;
  number: string;
  name: string;
  consent: { granted: boolean; wordingId: string | null; at: Date } | null;
};

/**
 * The active customers among `customerIds` (in id order) with their latest SMS consent:
 * erased and merged-away records are dropped here even if a caller's list still has them.
 */
export async function selectSmsAudience(db: Db, customerIds: string[]): Promise<SmsAudienceRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('customers as c')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('consent_records')
          .distinctOn('customer_id')
          .select(['customer_id', 'granted', 'wording_id', 'recorded_at'])
          .where('channel', '=', 'sms')
          .where('customer_id', 'in', customerIds)
          .orderBy('customer_id')
          .orderBy('recorded_at', 'desc')
          .orderBy('id', 'desc')
          .as('r'),
      (join) => join.onRef('r.customer_id', '=', 'c.id'),
    )
    .select(['c.id', 'c.number', 'c.name', 'r.granted', 'r.wording_id', 'r.recorded_at'])
    .where('c.id', 'in', customerIds)
    .where('c.status', '=', 'active')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    customerId: row.id,
    number: row.number,
    name: row.name,
    consent:
      row.granted === null || row.recorded_at === null
        ? null
        : { granted: row.granted, wordingId: row.wording_id, at: row.recorded_at },
  }));
}

/** Which of these phone digests are on the marketing suppression list for SMS. */
export async function selectSuppressedSmsDigests(db: Db, digests: Buffer[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const rows = await db
    .selectFrom('marketing_suppressions')
    .select('digest')
    .where('channel', '=', 'sms')
    .where('digest', 'in', digests)
    .execute();
  return new Set(rows.map((row) => row.digest.toString('hex')));
}
