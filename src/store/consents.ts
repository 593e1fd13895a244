import { ensureConsentWording } from './consent-wordings.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type ConsentChannel = 'email' | 'sms';

export type ConsentRecordInput = {
  customerId: string;
  channel: ConsentChannel;
  granted: boolean;
  wording: string;
  staffId: string | null;
  apiKeyId: string | null;
  outletId: string | null;
  source: string;
  at: Date;
};

export type ConsentRecordRow = ConsentRecordInput & {
  id: string;
  staffName: string | null;
  outletName: string | null;
};

export async function insertConsentRecords(
  db: Db,
  records: ConsentRecordInput[],
): Promise<string[]> {
  if (records.length === 0) return [];
  const wordingIds = await wordingIdsOf(db, records);
  const values = records.map((record) => ({
    id: newId(record.at.getTime()),
    customer_id: record.customerId,
    channel: record.channel,
    granted: record.granted,
    wording: record.wording,
    wording_id: wordingIds.get(`${record.channel}\n${record.wording}`) ?? null,
    staff_id: record.staffId,
    api_key_id: record.apiKeyId,
    outlet_id: record.outletId,
    source: record.source,
    recorded_at: record.at,
  }));
  await db.insertInto('consent_records').values(values).execute();
  return values.map((value) => value.id);
}

/**
 * Each record points to the stored version of its text. Clients send the text they showed
 * (the API predates versions), so a known text is matched and an unknown one is stored as
 * a new version; it becomes current only when the channel has none, and only for consent
 * given (a withdrawal's text is never the wording customers are asked to agree to).
 */
async function wordingIdsOf(db: Db, records: ConsentRecordInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const record of records) {
    const key = `${record.channel}\n${record.wording}`;
    if (ids.has(key)) continue;
    const wording = await ensureConsentWording(db, {
      channel: record.channel,
      text: record.wording,
      current: record.granted ? 'if_none' : false,
      at: record.at,
    });
    ids.set(key, wording.id);
  }
  return ids;
}

export async function selectConsentRecords(
  db: Db,
  customerId: string,
): Promise<ConsentRecordRow[]> {
  const rows = await db
    .selectFrom('consent_records as r')
    .leftJoin('staff as s', 's.id', 'r.staff_id')
    .leftJoin('outlets as o', 'o.id', 'r.outlet_id')
    .select([
      'r.id',
      'r.customer_id',
      'r.channel',
      'r.granted',
      'r.wording',
      'r.staff_id',
      'r.api_key_id',
      'r.outlet_id',
      'r.source',
      'r.recorded_at',
      's.display_name as staff_name',
      'o.name as outlet_name',
    ])
    .where('r.customer_id', '=', customerId)
    .orderBy('r.recorded_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    granted: row.granted,
    wording: row.wording,
    staffId: row.staff_id,
    apiKeyId: row.api_key_id,
    outletId: row.outlet_id,
    source: row.source,
    at: row.recorded_at,
    staffName: row.staff_name,
    outletName: row.outlet_name,
  }));
}

/** The latest record per customer and channel: the consent in force. */
export async function selectCurrentConsents(
  db: Db,
  customerIds: string[],
): Promise<
  {
    customerId: string;
    channel: ConsentChannel;
    granted: boolean;
    wordingId: string | null;
    at: Date;
  }[]
> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('consent_records')
    .distinctOn(['customer_id', 'channel'])
    .select(['customer_id', 'channel', 'granted', 'wording_id', 'recorded_at'])
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('channel')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    customerId: row.customer_id,
    channel: row.channel,
    granted: row.granted,
    wordingId: row.wording_id,
    at: row.recorded_at,
  }));
}

export async function moveConsentRecords(
  db: Db,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<void> {
  await db
    .updateTable('consent_records')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}
