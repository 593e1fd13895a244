import { sql, type Selectable } from 'kysely';
import type { GroupRule } from '../domain/customer-groups.ts';
import type { Db } from './database.ts';
import { customersOpenToProfiling } from './profiling.ts';
import type { CustomerGroupsTable } from './schema.ts';

export type CustomerGroupRecord = {
  id: string;
  name: string;
  kind: 'manual' | 'rule';
  rule: GroupRule | null;
  discountBp: number;
  earnMultiplierBp: number;
  active: boolean;
  recomputedAt: Date | null;
  members: number;
};

function toGroup(row: Selectable<CustomerGroupsTable> & { members?: number }): CustomerGroupRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    rule: row.rule as GroupRule | null,
    discountBp: row.discount_bp,
    earnMultiplierBp: row.earn_multiplier_bp,
    active: row.active,
    recomputedAt: row.recomputed_at,
    members: Number(row.members ?? 0),
  };
}

/** All groups with their member counts, or the one with `id`. */
export async function selectGroups(db: Db, id?: string): Promise<CustomerGroupRecord[]> {
  let query = db.selectFrom('customer_groups');
  if (id) query = query.where('customer_groups.id', '=', id);
  const rows = await query
    .selectAll('customer_groups')
    .select((eb) =>
      eb
        .selectFrom('customer_group_members')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('customer_group_members.group_id', '=', 'customer_groups.id')
        .as('members'),
    )
    .orderBy('name')
    .execute();
  return rows.map((row) => toGroup({ ...row, members: row.members ?? 0 }));
}

export async function findGroup(db: Db, id: string): Promise<CustomerGroupRecord | undefined> {
  return (await selectGroups(db, id))[0];
}

/** Group names by id, for sales and receipts (no member counts). */
export async function selectGroupNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_groups')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function upsertGroup(
  db: Db,
  group: Omit<CustomerGroupRecord, 'members' | 'recomputedAt'>,
): Promise<void> {
  const values = {
    id: group.id,
    name: group.name,
    kind: group.kind,
    rule: group.rule ? JSON.stringify(group.rule) : null,
    discount_bp: group.discountBp,
    earn_multiplier_bp: group.earnMultiplierBp,
    active: group.active,
  };
  await db
    .insertInto('customer_groups')
    .values(values)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

/** The active groups a customer belongs to (what checkout applies). */
export async function selectGroupsOfCustomer(
  db: Db,
  customerId: string,
): Promise<CustomerGroupRecord[]> {
  const rows = await db
    .selectFrom('customer_groups')
    .innerJoin('customer_group_members', 'customer_group_members.group_id', 'customer_groups.id')
    .selectAll('customer_groups')
    .where('customer_group_members.customer_id', '=', customerId)
    .where('customer_groups.active', '=', true)
    .execute();
  return rows.map((row) => toGroup(row));
}

export async function addGroupMember(db: Db, groupId: string, customerId: string, at: Date) {
  await db
    .insertInto('customer_group_members')
    .values({ group_id: groupId, customer_id: customerId, added_at: at })
    .onConflict((conflict) => conflict.columns(['group_id', 'customer_id']).doNothing())
    .execute();
}

export async function removeGroupMember(db: Db, groupId: string, customerId: string) {
  await db
    .deleteFrom('customer_group_members')
    .where('group_id', '=', groupId)
    .where('customer_id', '=', customerId)
    .execute();
}

export async function selectGroupMemberIds(
  db: Db,
  groupId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_group_members')
    .select('customer_id')
    .where('group_id', '=', groupId)
    .orderBy('added_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.customer_id);
}

/**
 * Makes a rule group's members exactly the customers its rule selects today, in one
 * statement pair: those who no longer qualify leave, newcomers join, the rest stay put
 * (keeping the date they joined). Returns how many joined and left. Customers who object
 * to profiling never qualify, so they leave (src/store/profiling.ts).
 */
export async function recomputeRuleGroup(
  db: Db,
  group: { id: string; rule: GroupRule },
  now: Date,
): Promise<{ joined: number; left: number }> {
  const qualifying =
    group.rule.type === 'spend'
      ? sql`
          SELECT customer_id FROM sales
          WHERE customer_id IN (${customersOpenToProfiling()})
            AND completed_at > ${now}::timestamptz - make_interval(months => ${group.rule.months})
          GROUP BY customer_id
          HAVING sum(total - liability_total) >= ${group.rule.minSpend}`
      : sql`
          SELECT customer_id FROM sales
          WHERE customer_id IN (${customersOpenToProfiling()})
            AND kind = 'sale' AND voided_at IS NULL
            AND completed_at > ${now}::timestamptz - make_interval(days => ${group.rule.days})
          GROUP BY customer_id
          HAVING count(*) >= ${group.rule.minVisits}`;
  const left = await sql`
    DELETE FROM customer_group_members
    WHERE group_id = ${group.id} AND customer_id NOT IN (${qualifying})
  `.execute(db);
  const joined = await sql`
    INSERT INTO customer_group_members (group_id, customer_id, added_at)
    SELECT ${group.id}, q.customer_id, ${now} FROM (${qualifying}) q
    JOIN customers c ON c.id = q.customer_id AND c.status = 'active'
    ON CONFLICT DO NOTHING
  `.execute(db);
  await db
    .updateTable('customer_groups')
    .set({ recomputed_at: now })
    .where('id', '=', group.id)
    .execute();
  return { joined: Number(joined.numAffectedRows ?? 0), left: Number(left.numAffectedRows ?? 0) };
}

export async function moveGroupMemberships(db: Db, fromCustomerId: string, toCustomerId: string) {
  await sql`
    INSERT INTO customer_group_members (group_id, customer_id, added_at)
    SELECT group_id, ${toCustomerId}, added_at FROM customer_group_members WHERE customer_id = ${fromCustomerId}
    ON CONFLICT DO NOTHING
  `.execute(db);
  await db.deleteFrom('customer_group_members').where('customer_id', '=', fromCustomerId).execute();
}
