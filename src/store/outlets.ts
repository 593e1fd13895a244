import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type OutletRow = {
  id: string;
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  settings: Record<string, unknown>;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  receiptHeader: string;
  noReceiptReturnLimit: number;
};

export type NewOutlet = Omit<
  OutletRow,
  'id' | 'pricingMode' | 'receiptHeader' | 'noReceiptReturnLimit'
> &
  Partial<Pick<OutletRow, 'pricingMode' | 'receiptHeader' | 'noReceiptReturnLimit'>>;
export type RegisterRow = {
  id: string;
  outletId: string;
  code: string;
  name: string;
  active: boolean;
};

export async function insertOutlet(db: Db, outlet: NewOutlet): Promise<string> {
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
      ...(outlet.pricingMode ? { pricing_mode: outlet.pricingMode } : {}),
      ...(outlet.receiptHeader !== undefined ? { receipt_header: outlet.receiptHeader } : {}),
      ...(outlet.noReceiptReturnLimit !== undefined
        ? { no_receipt_return_limit: outlet.noReceiptReturnLimit }
        : {}),
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
  return rows.map(toOutletRow);
}

type OutletRecord = {
  id: string;
  code: string;
  name: string;
  currency: string;
  time_zone: string;
  settings: Record<string, unknown>;
  pricing_mode: 'tax_inclusive' | 'tax_exclusive';
  receipt_header: string;
  no_receipt_return_limit: number;
};

function toOutletRow(row: OutletRecord): OutletRow {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency,
    timeZone: row.time_zone,
    settings: row.settings,
    pricingMode: row.pricing_mode,
    receiptHeader: row.receipt_header,
    noReceiptReturnLimit: Number(row.no_receipt_return_limit),
  };
}

export async function findOutlet(db: Db, id: string): Promise<OutletRow | undefined> {
  const row = await db.selectFrom('outlets').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutletRow(row) : undefined;
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

export async function updateOutlet(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      OutletRow,
      'name' | 'timeZone' | 'settings' | 'pricingMode' | 'receiptHeader' | 'noReceiptReturnLimit'
    >
  >,
): Promise<OutletRow | undefined> {
  const row = await db
    .updateTable('outlets')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
      ...(changes.settings !== undefined ? { settings: JSON.stringify(changes.settings) } : {}),
      ...(changes.pricingMode !== undefined ? { pricing_mode: changes.pricingMode } : {}),
      ...(changes.receiptHeader !== undefined ? { receipt_header: changes.receiptHeader } : {}),
      ...(changes.noReceiptReturnLimit !== undefined
        ? { no_receipt_return_limit: changes.noReceiptReturnLimit }
        : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toOutletRow(row) : undefined;
}
