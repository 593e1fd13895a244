import type { Db } from './database.ts';

export type CardRow = {
  number: string;
  customerId: string;
  status: 'active' | 'lost';
  linkedAt: Date;
  endedAt: Date | null;
  replacedBy: string | null;
};

function toCardRow(row: {
  number: string;
  customer_id: string;
  status: 'active' | 'lost';
  linked_at: Date;
  ended_at: Date | null;
  replaced_by: string | null;
}): CardRow {
  return {
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    linkedAt: row.linked_at,
    endedAt: row.ended_at,
    replacedBy: row.replaced_by,
  };
}

/** Returns false when the card number is already on a customer (the primary key says so). */
export async function insertCard(
  db: Db,
  card: { number: string; customerId: string; linkedByStaffId: string | null; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('customer_cards')
    .values({
      number: card.number,
      customer_id: card.customerId,
      status: 'active',
      linked_at: card.at,
      linked_by_staff_id: card.linkedByStaffId,
    })
    .onConflict((conflict) => conflict.column('number').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function findCard(db: Db, number: string): Promise<CardRow | undefined> {
  const row = await db
    .selectFrom('customer_cards')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? toCardRow(row) : undefined;
}

export async function selectCardsOfCustomers(db: Db, customerIds: string[]): Promise<CardRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('customer_cards')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('linked_at')
    .execute();
  return rows.map(toCardRow);
}

export async function markCardLost(
  db: Db,
  card: { number: string; replacedBy: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('customer_cards')
    .set({ status: 'lost', ended_at: card.at, replaced_by: card.replacedBy })
    .where('number', '=', card.number)
    .execute();
}

export async function moveCards(
  db: Db,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<void> {
  await db
    .updateTable('customer_cards')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}
