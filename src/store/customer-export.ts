import { sql } from 'kysely';
import type { GroupRule } from '../domain/customer-groups.ts';
import type { AuditRow } from './audit.ts';
import type { Db } from './database.ts';
import type { LoyaltyEventRecord } from './loyalty.ts';
import { selectSalesByIds, type StoredSale } from './sales.ts';

/**
 * The reads of a customer's data export (GDPR arts. 15 and 20) that no other screen
 * needs whole: every row, not a page. Each function is one plain query over the
 * customer's id; the service puts the sections together.
 */

/** All the customer's sales and returns, oldest first, with lines and tenders. */
export async function selectAllSalesOfCustomer(db: Db, customerId: string): Promise<StoredSale[]> {
  const rows = await db
    .selectFrom('sales')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('customer_id', '=', customerId),
        // A return taken without naming the customer still belongs to their sale.
        eb(
          'original_sale_id',
          'in',
          eb.selectFrom('sales as s').select('s.id').where('s.customer_id', '=', customerId),
        ),
      ]),
    )
    .orderBy('completed_at')
    .orderBy('id')
    .execute();
  return selectSalesByIds(
    db,
    rows.map((row) => row.id),
  );
}

export type ExportedPointsEvent = Pick<
  LoyaltyEventRecord,
  'kind' | 'points' | 'balanceAfter' | 'saleId' | 'reason' | 'createdAt'
>;

/** Every points event of the customer, oldest first (the loyalty screen shows a page). */
export async function selectAllLoyaltyEvents(
  db: Db,
  customerId: string,
): Promise<ExportedPointsEvent[]> {
  const rows = await db
    .selectFrom('loyalty_events')
    .select(['kind', 'points', 'balance_after', 'sale_id', 'reason', 'created_at'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    kind: row.kind as LoyaltyEventRecord['kind'],
    points: row.points,
    balanceAfter: row.balance_after,
    saleId: row.sale_id,
    reason: row.reason,
    createdAt: row.created_at,
  }));
}

export type GroupMembership = {
  groupId: string;
  name: string;
  kind: 'manual' | 'rule';
  rule: GroupRule | null;
  active: boolean;
  addedAt: Date;
};

/** Every group the customer is a member of, the inactive ones included. */
export async function selectGroupMemberships(
  db: Db,
  customerId: string,
): Promise<GroupMembership[]> {
  const rows = await db
    .selectFrom('customer_group_members as m')
    .innerJoin('customer_groups as g', 'g.id', 'm.group_id')
    .select(['g.id', 'g.name', 'g.kind', 'g.rule', 'g.active', 'm.added_at'])
    .where('m.customer_id', '=', customerId)
    .orderBy('m.added_at')
    .orderBy('g.name')
    .execute();
  return rows.map((row) => ({
    groupId: row.id,
    name: row.name,
    kind: row.kind,
    rule: row.rule as GroupRule | null,
    active: row.active,
    addedAt: row.added_at,
  }));
}

export async function selectExternalIdsOfCustomer(
  db: Db,
  customerId: string,
): Promise<{ source: string; externalId: string }[]> {
  const rows = await db
    .selectFrom('customer_external_ids')
    .select(['source', 'external_id'])
    .where('customer_id', '=', customerId)
    .orderBy('source')
    .orderBy('external_id')
    .execute();
  return rows.map((row) => ({ source: row.source, externalId: row.external_id }));
}

/**
 * Every audit entry that names the customer: as its subject, through one of their sales
 * or gift cards, or anywhere in its detail (a merge names the merged-away customer's id
 * there). Oldest first.
 */
export async function selectAuditEntriesNaming(
  db: Db,
  customerId: string,
  related: { saleIds: string[]; giftCardIds: string[] },
): Promise<AuditRow[]> {
  const subjects = [customerId, ...related.saleIds, ...related.giftCardIds];
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('subject_id', 'in', subjects),
        eb(
          sql<boolean>`jsonb_path_exists(detail, '$.** ? (@ == $id)', jsonb_build_object('id', ${customerId}::text))`,
          '=',
          true,
        ),
      ]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
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
  }));
}
