import { sql } from 'kysely';
import { points, type Points } from '../domain/units.ts';
import type { LatestEmailConsent } from './campaign-audience.ts';
import type { Db } from './database.ts';
import { openToProfiling } from './profiling.ts';

/**
 * Everything the sender decides one recipient on, read in one statement at send time:
 * the customer's state, whether they may be profiled, their latest email consent record,
 * their sealed email (no other contact detail is read), and what the merge fields need.
 * The same facts as findCustomerById, isOpenToProfiling, findLatestEmailConsent,
 * findSealedContacts, findLoyaltyBalance and findLastVisitOutletName, one round trip
 * instead of six for every message of a campaign.
 */
export type RecipientFacts = {
  status: 'active' | 'merged' | 'erased';
  name: string;
  openToProfiling: boolean;
  consent: LatestEmailConsent | undefined;
  /** The customer's wrapped data key and sealed email, or undefined without a contact row. */
  sealedEmail: { wrappedKey: Buffer; email: Buffer | null } | undefined;
  pointsBalance: Points;
  lastVisitOutlet: string | null;
};

type Row = {
  status: RecipientFacts['status'];
  name: string;
  open: boolean;
  consent_id: string | null;
  granted: boolean | null;
  wording_id: string | null;
  recorded_at: Date | null;
  wrapped_key: Buffer | null;
  email: Buffer | null;
  balance: number | string | null;
  outlet: string | null;
};

export async function findRecipientFacts(
  db: Db,
  customerId: string,
): Promise<RecipientFacts | undefined> {
  const result = await sql<Row>`
    SELECT c.status, c.name, ${openToProfiling('c')} AS open,
      consent.id AS consent_id, consent.granted, consent.wording_id, consent.recorded_at,
      cc.wrapped_key, cc.email, la.balance,
      (SELECT o.name FROM sales s JOIN outlets o ON o.id = s.outlet_id
        WHERE s.customer_id = c.id AND s.kind = 'sale'
        ORDER BY s.completed_at DESC LIMIT 1) AS outlet
    FROM customers c
    LEFT JOIN LATERAL (
      SELECT r.id, r.granted, r.wording_id, r.recorded_at FROM consent_records r
      WHERE r.customer_id = c.id AND r.channel = 'email'
      ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1
    ) consent ON true
    LEFT JOIN customer_contacts cc ON cc.customer_id = c.id
    LEFT JOIN loyalty_accounts la ON la.customer_id = c.id
    WHERE c.id = ${customerId}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    name: row.name,
    openToProfiling: row.open === true,
    consent:
      row.consent_id === null || row.recorded_at === null
        ? undefined
        : {
            id: row.consent_id,
            granted: row.granted === true,
            wordingId: row.wording_id,
            at: row.recorded_at,
          },
    sealedEmail:
      row.wrapped_key === null ? undefined : { wrappedKey: row.wrapped_key, email: row.email },
    // int8 comes back as a number from PGlite and through the pg parser, a string otherwise.
    pointsBalance: points(row.balance === null ? 0 : Number(row.balance)),
    lastVisitOutlet: row.outlet,
  };
}
