import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type OutletRow = {
  id: string;
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  settings: Record<string, unknown>;
};
export type RegisterRow = {
  id: string;
  outletId: string;
  code: string;
  name: string;
  active: boolean;
};

export async function insertOutlet(db: Db, outlet: Omit<OutletRow, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('outlets')
    .values({
      id,
      code: outlet.code,
      name: outlet.name,
      currency: outlet.currency,
      time_zone: outlet.timeZone,
      settings: JSON.stringify(outlet.settings),
    })
    .execute();
  return id;
}

export async function insertRegister(
  db: Db,
  register: { outletId: string; code: string; name: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('registers')
    .values({ id, outlet_id: register.outletId, code: register.code, name: register.name })
    .execute();
  return id;
}

export async function selectOutlets(db: Db): Promise<OutletRow[]> {
  const rows = await db.selectFrom('outlets').selectAll().orderBy('code').execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency,
    timeZone: row.time_zone,
    settings: row.settings,
  }));
}

export async function selectRegisters(db: Db): Promise<RegisterRow[]> {
  const rows = await db.selectFrom('registers').selectAll().orderBy('code').execute();
  return rows.map((row) => ({
    id: row.id,
    outletId: row.outlet_id,
    code: row.code,
    name: row.name,
    active: row.active,
  }));
}

export async function findRegister(
  db: Db,
  registerId: string,
): Promise<(RegisterRow & { outletCode: string; outletName: string }) | undefined> {
  const row = await db
    .selectFrom('registers')
    .innerJoin('outlets', 'outlets.id', 'registers.outlet_id')
    .select([
      'registers.id',
      'registers.outlet_id',
      'registers.code',
      'registers.name',
      'registers.active',
      'outlets.code as outlet_code',
      'outlets.name as outlet_name',
    ])
    .where('registers.id', '=', registerId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        outletId: row.outlet_id,
        code: row.code,
        name: row.name,
        active: row.active,
        outletCode: row.outlet_code,
        outletName: row.outlet_name,
      }
    : undefined;
}

export async function countOutlets(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outlets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
