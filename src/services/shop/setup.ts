import { fail, ok, type Result } from '../../domain/result.ts';
import { countStaff, lockStaffTable } from '../../store/staff.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import {
  insertNewOutlet,
  insertNewRegister,
  validateNewOutlet,
  validateNewRegister,
  type NewOutletInput,
} from './outlets.ts';
import { forgetShopSettings, validateShopSettings, writeShopSettings } from './settings.ts';
import { prepareNewStaff, validateNewStaff, type StaffView } from '../staff/staff.ts';

export type FirstRunInput = {
  admin: { username: string; displayName: string; password: string; pin: string };
  shop: { name: string; country: string };
  outlet: NewOutletInput;
  register: { code: string; name: string };
};

const firstRunActor: Actor = { kind: 'system', label: 'first-run set-up', role: 'admin' };

const alreadySetUp = () =>
  fail('forbidden', 'The shop is set up already: sign in, and an admin adds staff from there');

/** The first run is offered while no one could sign in yet: no staff exist. */
export async function isFirstRun(deps: ServiceDeps): Promise<boolean> {
  return (await countStaff(deps.db)) === 0;
}

// The settings' own field names, as the set-up form names them.
const shopFields: Record<string, string> = { shopName: 'name', defaultCountry: 'country' };

function prefixed<T>(part: string, result: Result<T>): Result<T> {
  if (result.ok || !result.field) return result;
  return { ...result, field: `${part}.${shopFields[result.field] ?? result.field}` };
}

/** Every field checked before anything is written, each failure naming its part. */
function validateFirstRun(input: FirstRunInput) {
  const admin = prefixed('admin', validateNewStaff({ ...input.admin, role: 'admin' }));
  if (!admin.ok) return admin;
  const shop = prefixed(
    'shop',
    validateShopSettings({ shopName: input.shop.name, defaultCountry: input.shop.country }),
  );
  if (!shop.ok) return shop;
  const outlet = prefixed('outlet', validateNewOutlet(input.outlet));
  if (!outlet.ok) return outlet;
  const register = prefixed('register', validateNewRegister(input.register));
  if (!register.ok) return register;
  return ok({
    admin: admin.value,
    shop: shop.value,
    outlet: outlet.value,
    register: register.value,
  });
}

/**
 * Sets up an empty shop in one transaction: the first admin, the shop's name and
 * country, its first outlet and register. Only while no staff exist, counted under a
 * lock on the staff table, so of two browsers racing only the first succeeds.
 */
export async function setUpShop(
  deps: ServiceDeps,
  input: FirstRunInput,
): Promise<Result<{ admin: StaffView; outletId: string; registerId: string }>> {
  const valid = validateFirstRun(input);
  if (!valid.ok) return valid;
  if (!(await isFirstRun(deps))) return alreadySetUp();
  const { admin, shop, outlet, register } = valid.value;
  const writeAdmin = await prepareNewStaff(admin, null);
  try {
    const done = await inTransaction(deps.db, async (trx) => {
      await lockStaffTable(trx);
      if ((await countStaff(trx)) > 0) return alreadySetUp();
      const outletId = await insertNewOutlet({ trx, actor: firstRunActor, outlet });
      const registerId = await insertNewRegister({ trx, actor: firstRunActor, outletId, register });
      await writeShopSettings({ db: trx, actor: firstRunActor, changes: shop });
      return ok({ admin: await writeAdmin(trx, firstRunActor), outletId, registerId });
    });
    forgetShopSettings(deps.db);
    return done;
  } catch (error) {
    // Only a leftover outlet from an earlier attempt can clash on an empty staff table.
    if (isUniqueViolation(error))
      return fail('validation_failed', `An outlet ${outlet.code} exists already`, {
        field: 'outlet.code',
      });
    throw error;
  }
}
