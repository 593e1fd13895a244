import { isCountryCode } from '../../domain/contact-details.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import {
  findOutlet,
  insertOutlet,
  insertRegister,
  selectOutlets,
  selectRegisters,
  updateOutlet,
  type OutletRow,
} from '../../store/outlets.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';

/** Outlet settings the till and receipts read; unknown keys are refused, not stored. */
export type OutletSettings = { promptForCustomer: boolean; customerNameOnReceipt: boolean };

export type OutletChanges = {
  name?: string;
  timeZone?: string;
  pricingMode?: 'tax_inclusive' | 'tax_exclusive';
  receiptHeader?: string;
  noReceiptReturnLimit?: number;
  settings?: Partial<OutletSettings>;
};

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function validate(changes: OutletChanges): Result<OutletChanges> {
  if (changes.name !== undefined && (changes.name.trim() === '' || changes.name.length > 80)) {
    return invalid('name', 'name must be 1–80 characters');
  }
  if (changes.timeZone !== undefined && !validTimeZone(changes.timeZone)) {
    return invalid('timeZone', 'timeZone must be an IANA time zone such as Europe/London');
  }
  if (changes.receiptHeader !== undefined && changes.receiptHeader.length > 500) {
    return invalid('receiptHeader', 'receiptHeader must be at most 500 characters');
  }
  if (
    changes.noReceiptReturnLimit !== undefined &&
    (!Number.isSafeInteger(changes.noReceiptReturnLimit) || changes.noReceiptReturnLimit < 0)
  ) {
    return invalid(
      'noReceiptReturnLimit',
      'noReceiptReturnLimit must be a non-negative amount in minor units',
    );
  }
  return ok(changes);
}

export async function changeOutlet({
  deps,
  actor,
  id,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  input: OutletChanges;
}): Promise<Result<OutletRow>> {
  const changes = validate(input);
  if (!changes.ok) return changes;
  return inTransaction(deps.db, async (trx) => {
    const before = await findOutlet(trx, id);
    if (!before) return fail('outlet_not_found', `No outlet with id ${id}`);
    const { settings, ...rest } = changes.value;
    const row = await updateOutlet(trx, id, {
      ...rest,
      ...(settings ? { settings: { ...before.settings, ...settings } } : {}),
    });
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'outlet.updated',
        subjectType: 'outlet',
        subjectId: id,
        detail: { ...input },
      },
    });
    return ok(row!);
  });
}

export type NewOutletInput = {
  code: string;
  name: string;
  currency: string;
  timeZone: string;
  pricingMode?: 'tax_inclusive' | 'tax_exclusive';
  country?: string;
};

type ValidOutlet = Omit<NewOutletInput, 'country'>;

/** The rules of a new outlet, also used by the first-run set-up. */
export function validateNewOutlet(input: NewOutletInput): Result<ValidOutlet> {
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,10}$/.test(code)) return invalid('code', 'code must be 2–10 letters or digits');
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    return invalid('currency', 'currency must be an ISO code such as GBP');
  if (input.country !== undefined && !isCountryCode(input.country))
    return invalid('country', 'unknown country');
  if (
    input.pricingMode !== undefined &&
    input.pricingMode !== 'tax_inclusive' &&
    input.pricingMode !== 'tax_exclusive'
  ) {
    return invalid('pricingMode', 'pricingMode must be tax_inclusive or tax_exclusive');
  }
  const valid = validate({ name: input.name, timeZone: input.timeZone });
  if (!valid.ok) return valid;
  return ok({
    code,
    name: input.name.trim(),
    currency,
    timeZone: input.timeZone,
    ...(input.pricingMode ? { pricingMode: input.pricingMode } : {}),
  });
}

/** Writes a validated outlet and its audit entry inside the caller's transaction. */
export async function insertNewOutlet({
  trx,
  actor,
  outlet,
}: {
  trx: Db;
  actor: Actor;
  outlet: ValidOutlet;
}): Promise<string> {
  const id = await insertOutlet(trx, {
    ...outlet,
    settings: { promptForCustomer: true, customerNameOnReceipt: true },
  });
  await recordAudit({
    db: trx,
    actor,
    entry: {
      action: 'outlet.created',
      subjectType: 'outlet',
      subjectId: id,
      detail: { code: outlet.code, name: outlet.name },
    },
  });
  return id;
}

export async function createOutlet({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: NewOutletInput;
}): Promise<Result<OutletRow>> {
  const valid = validateNewOutlet(input);
  if (!valid.ok) return valid;
  const code = valid.value.code;
  try {
    return await inTransaction(deps.db, async (trx: Db) => {
      const id = await insertNewOutlet({ trx, actor, outlet: valid.value });
      return ok((await findOutlet(trx, id))!);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail('validation_failed', `An outlet ${code} exists already`, { field: 'code' });
    throw error;
  }
}

/** The rules of a new register, also used by the first-run set-up. */
export function validateNewRegister(input: {
  code: string;
  name: string;
}): Result<{ code: string; name: string }> {
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,20}$/.test(code))
    return invalid('code', 'code must be 2–20 letters, digits or dashes');
  const name = input.name.trim();
  if (name === '' || name.length > 80) return invalid('name', 'name must be 1–80 characters');
  return ok({ code, name });
}

/** Writes a validated register and its audit entry inside the caller's transaction. */
export async function insertNewRegister({
  trx,
  actor,
  outletId,
  register,
}: {
  trx: Db;
  actor: Actor;
  outletId: string;
  register: { code: string; name: string };
}): Promise<string> {
  const id = await insertRegister(trx, { outletId, ...register });
  await recordAudit({
    db: trx,
    actor,
    entry: {
      action: 'register.created',
      subjectType: 'register',
      subjectId: id,
      detail: { code: register.code, name: register.name },
    },
  });
  return id;
}

export async function addRegister({
  deps,
  actor,
  outletId,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  outletId: string;
  input: { code: string; name: string };
}): Promise<Result<{ id: string; code: string; name: string }>> {
  const valid = validateNewRegister(input);
  if (!valid.ok) return valid;
  try {
    return await inTransaction(deps.db, async (trx) => {
      if (!(await findOutlet(trx, outletId)))
        return fail('outlet_not_found', `No outlet with id ${outletId}`);
      const id = await insertNewRegister({ trx, actor, outletId, register: valid.value });
      return ok({ id, ...valid.value });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail('validation_failed', `A register ${valid.value.code} exists already here`, {
        field: 'code',
      });
    throw error;
  }
}

export type RegisterListing = {
  id: string;
  code: string;
  name: string;
  outletId: string;
  outletName: string;
};

/** Active registers with their outlet's name: what a till offers at sign-in. */
export async function listActiveRegisters(db: Db): Promise<RegisterListing[]> {
  const outlets = new Map((await selectOutlets(db)).map((outlet) => [outlet.id, outlet]));
  return (await selectRegisters(db))
    .filter((register) => register.active)
    .map((register) => ({
      id: register.id,
      code: register.code,
      name: register.name,
      outletId: register.outletId,
      outletName: outlets.get(register.outletId)?.name ?? '',
    }));
}

export async function listOutlets(db: Db) {
  const [outlets, registers] = [await selectOutlets(db), await selectRegisters(db)];
  return outlets.map((outlet) => ({
    ...outlet,
    registers: registers.filter((register) => register.outletId === outlet.id),
  }));
}

export async function findOutletByCode(
  db: Db,
  code: string | undefined,
): Promise<OutletRow | undefined> {
  const outlets = await selectOutlets(db);
  return code ? outlets.find((outlet) => outlet.code === code.toUpperCase()) : outlets[0];
}
