import { sql } from 'kysely';
import type { Role } from '../domain/permissions.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type StaffRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  pinHash: string | null;
  active: boolean;
  homeOutletId: string | null;
  createdAt: Date;
};

type StaffRecord = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  pin_hash: string | null;
  active: boolean;
  home_outlet_id: string | null;
  created_at: Date;
};

function toStaffRow(row: StaffRecord): StaffRow {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    pinHash: row.pin_hash,
    active: row.active,
    homeOutletId: row.home_outlet_id,
    createdAt: row.created_at,
  };
}

export async function insertStaff(
  db: Db,
  staff: Omit<StaffRow, 'id' | 'createdAt' | 'active'>,
): Promise<StaffRow> {
  const row = await db
    .insertInto('staff')
    .values({
      id: newId(),
      username: staff.username,
      display_name: staff.displayName,
      role: staff.role,
      password_hash: staff.passwordHash,
      pin_hash: staff.pinHash,
      home_outlet_id: staff.homeOutletId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaffRow(row);
}

export async function updateStaff(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffRow, 'displayName' | 'role' | 'active' | 'passwordHash' | 'pinHash'>>,
): Promise<StaffRow | undefined> {
  const row = await db
    .updateTable('staff')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.pinHash !== undefined ? { pin_hash: changes.pinHash } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toStaffRow(row) : undefined;
}

export async function findStaffByUsername(db: Db, username: string): Promise<StaffRow | undefined> {
  const row = await db
    .selectFrom('staff')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? toStaffRow(row) : undefined;
}

export async function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStaffRow(row) : undefined;
}

export async function selectStaff(db: Db): Promise<StaffRow[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('username').execute();
  return rows.map(toStaffRow);
}

export async function countStaff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function selectStaffNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/**
 * Holds off every other writer of staff until the transaction ends: the first-run
 * set-up counts staff under it, so two browsers cannot both create the first admin.
 */
export async function lockStaffTable(trx: Db): Promise<void> {
  await sql`LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}
