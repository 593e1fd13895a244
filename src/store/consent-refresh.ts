import { sql } from 'kysely';
import type { ConsentChannel } from './consents.ts';
import type { Db } from './database.ts';

/**
 * Stale consent (F18) in SQL: the latest record per customer and channel is consent given,
 * and it is older than the cut-off or under another wording than the channel's current
 * one. The same rule as domain isConsentStale, which the service applies to each row to
 * name the reasons; this query only has to find the rows.
 */
export type StaleConsentQuery = {
  /** Records before this moment are too old (domain consentAgeCutoff). */
  cutoff: Date;
  currentWordingIds: Partial<Record<ConsentChannel, string>>;
  outletId?: string | undefined;
};

export type StaleConsentRow = {
  customerId: string;
  customerNumber: string;
  customerName: string;
  channel: ConsentChannel;
  wordingId: string | null;
  at: Date;
  outletId: string | null;
  outletName: string | null;
};

/** Keyset position: the last customer and channel of the previous page. */
export type StaleConsentAfter = { customerId: string; channel: ConsentChannel };

/**
 * The latest record of each customer and channel from a keyset position on, in index
 * order (consent_records_customer), so a page reads only as far as it needs to fill.
 */
function latestRecords(after: StaleConsentAfter | undefined) {
  const from = after
    ? sql`WHERE (customer_id, channel) > (${after.customerId}::uuid, ${after.channel})`
    : sql``;
  return sql`
    SELECT DISTINCT ON (customer_id, channel)
      customer_id, channel, granted, wording_id, recorded_at, outlet_id
    FROM consent_records ${from}
    ORDER BY customer_id, channel, recorded_at DESC, id DESC`;
}

/**
 * The stale rule over a latest-record row aliased `l` (columns granted, channel,
 * wording_id, recorded_at, outlet_id): every query that asks "is this consent stale"
 * uses this one condition, so the list, the re-permission audience and the segment
 * criterion cannot drift apart.
 */
export function staleConsentCondition(query: StaleConsentQuery) {
  const outdated = (channel: ConsentChannel) => {
    const current = query.currentWordingIds[channel];
    return current === undefined
      ? sql`false`
      : sql`(l.channel = ${channel} AND l.wording_id IS DISTINCT FROM ${current}::uuid)`;
  };
  const outlet = query.outletId ? sql`AND l.outlet_id = ${query.outletId}::uuid` : sql``;
  return sql`l.granted
    AND (l.recorded_at < ${query.cutoff} OR ${outdated('email')} OR ${outdated('sms')})
    ${outlet}`;
}

export async function selectStaleConsents(
  db: Db,
  query: StaleConsentQuery & { after?: StaleConsentAfter | undefined; limit: number },
): Promise<StaleConsentRow[]> {
  const { rows } = await sql<{
    customer_id: string;
    number: string;
    name: string;
    channel: ConsentChannel;
    wording_id: string | null;
    recorded_at: Date;
    outlet_id: string | null;
    outlet_name: string | null;
  }>`
    SELECT l.customer_id, c.number, c.name, l.channel, l.wording_id, l.recorded_at,
      l.outlet_id, o.name AS outlet_name
    FROM (${latestRecords(query.after)}) l
    JOIN customers c ON c.id = l.customer_id AND c.status = 'active'
    LEFT JOIN outlets o ON o.id = l.outlet_id
    WHERE ${staleConsentCondition(query)}
    ORDER BY l.customer_id, l.channel
    LIMIT ${query.limit}
  `.execute(db);
  return rows.map((row) => ({
    customerId: row.customer_id,
    customerNumber: row.number,
    customerName: row.name,
    channel: row.channel,
    wordingId: row.wording_id,
    at: new Date(row.recorded_at),
    outletId: row.outlet_id,
    outletName: row.outlet_name,
  }));
}

/**
 * Customers with stale consent on any channel (or on `channel`), after `afterCustomerId`,
 * in id order: the audience a re-permission campaign pages through.
 */
export async function selectStaleConsentCustomerIds(
  db: Db,
  query: StaleConsentQuery & {
    channel?: ConsentChannel | undefined;
    afterCustomerId?: string | undefined;
    limit: number;
  },
): Promise<string[]> {
  const after = query.afterCustomerId
    ? ({ customerId: query.afterCustomerId, channel: 'sms' } as const)
    : undefined;
  const channel = query.channel ? sql`AND l.channel = ${query.channel}` : sql``;
  const { rows } = await sql<{ customer_id: string }>`
    SELECT DISTINCT l.customer_id
    FROM (${latestRecords(after)}) l
    JOIN customers c ON c.id = l.customer_id AND c.status = 'active'
    WHERE ${staleConsentCondition(query)} ${channel}
    ORDER BY l.customer_id
    LIMIT ${query.limit}
  `.execute(db);
  return rows.map((row) => row.customer_id);
}
