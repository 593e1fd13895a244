import { isRole, type Role } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  validateDisplayName,
  validatePassword,
  validatePin,
  validateRole,
  validateUsername,
} from '../../domain/staff.ts';
import { insertApiKey, revokeApiKey, selectApiKeys, type ApiKeyRow } from '../../store/api-keys.ts';
import type { Db } from '../../store/database.ts';
import { deleteSessionsOfStaff } from '../../store/sessions.ts';
import {
  findStaffById,
  findStaffByUsername,
  insertStaff,
  selectStaff,
  updateStaff,
  type StaffRow,
} from '../../store/staff.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { hashSecret, randomToken, sha256 } from '../platform/secrets.ts';

export type StaffView = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  hasPin: boolean;
  createdAt: string;
};

function toStaffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    hasPassword: row.passwordHash !== null,
    hasPin: row.pinHash !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listStaff(db: Db): Promise<StaffView[]> {
  return (await selectStaff(db)).map(toStaffView);
}

export type NewStaffInput = {
  username: string;
  displayName: string;
  role: string;
  password?: string;
  pin?: string;
  homeOutletId?: string | null;
};

type ValidStaff = {
  username: string;
  displayName: string;
  role: Role;
  password: string | null;
  pin: string | null;
};

/** The rules of a new staff member, also used by the first-run set-up. */
export function validateNewStaff(input: NewStaffInput): Result<ValidStaff> {
  const username = validateUsername(input.username);
  if (!username.ok) return username;
  const displayName = validateDisplayName(input.displayName);
  if (!displayName.ok) return displayName;
  const role = validateRole(input.role);
  if (!role.ok) return role;
  const password = input.password !== undefined ? validatePassword(input.password) : undefined;
  if (password && !password.ok) return password;
  const pin = input.pin !== undefined ? validatePin(input.pin) : undefined;
  if (pin && !pin.ok) return pin;
  if (!password && !pin) {
    return fail(
      'validation_failed',
      'give a password, a PIN or both, or the account cannot sign in',
      {
        field: 'password',
      },
    );
  }
  return ok({
    username: username.value,
    displayName: displayName.value,
    role: role.value,
    password: password?.value ?? null,
    pin: pin?.value ?? null,
  });
}

/**
 * Hashes the secrets (slow on purpose, so outside any transaction) and returns the
 * writer to run inside one: it inserts the member and its audit entry.
 */
export async function prepareNewStaff(
  staff: ValidStaff,
  homeOutletId: string | null,
): Promise<(trx: Db, actor: Actor) => Promise<StaffView>> {
  const passwordHash = staff.password ? await hashSecret(staff.password) : null;
  const pinHash = staff.pin ? await hashSecret(staff.pin) : null;
  return async (trx, actor) => {
    const row = await insertStaff(trx, {
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      passwordHash,
      pinHash,
      homeOutletId,
    });
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: row.id,
        detail: { username: row.username, name: row.displayName, role: row.role },
      },
    });
    return toStaffView(row);
  };
}

export async function createStaff({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: NewStaffInput;
}): Promise<Result<StaffView>> {
  const valid = validateNewStaff(input);
  if (!valid.ok) return valid;
  const taken = () =>
    fail('username_taken', `The username ${valid.value.username} is taken`, {
      field: 'username',
    });
  if (await findStaffByUsername(deps.db, valid.value.username)) return taken();
  const write = await prepareNewStaff(valid.value, input.homeOutletId ?? null);
  try {
    return await inTransaction(deps.db, async (trx) => ok(await write(trx, actor)));
  } catch (error) {
    if (isUniqueViolation(error)) return taken();
    throw error;
  }
}

export type StaffChangesInput = {
  displayName?: string;
  role?: string;
  active?: boolean;
  password?: string;
  pin?: string;
};

export async function changeStaff({
  deps,
  actor,
  id,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  input: StaffChangesInput;
}): Promise<Result<StaffView>> {
  const changes: Parameters<typeof updateStaff>[2] = {};
  if (input.displayName !== undefined) {
    const name = validateDisplayName(input.displayName);
    if (!name.ok) return name;
    changes.displayName = name.value;
  }
  if (input.role !== undefined) {
    const role = validateRole(input.role);
    if (!role.ok) return role;
    changes.role = role.value;
  }
  if (input.active !== undefined) changes.active = input.active;
  if (input.password !== undefined) {
    const password = validatePassword(input.password);
    if (!password.ok) return password;
    changes.passwordHash = await hashSecret(password.value);
  }
  if (input.pin !== undefined) {
    const pin = validatePin(input.pin);
    if (!pin.ok) return pin;
    changes.pinHash = await hashSecret(pin.value);
  }
  if (
    actor.kind === 'staff' &&
    actor.staffId === id &&
    (changes.active === false ||
      (changes.role && changes.role !== 'admin' && actor.role === 'admin'))
  ) {
    return fail(
      'forbidden',
      'You cannot disable your own account or take away your own admin role',
    );
  }
  return inTransaction(deps.db, async (trx) => {
    const before = await findStaffById(trx, id);
    if (!before) return fail('staff_not_found', `No staff member with id ${id}`);
    const row = await updateStaff(trx, id, changes);
    if (!row) return fail('staff_not_found', `No staff member with id ${id}`);
    // A disabled account, a new role or a new secret ends the sessions opened before.
    if (changes.active === false || changes.role || changes.passwordHash || changes.pinHash) {
      await deleteSessionsOfStaff(trx, id);
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'staff.updated',
        subjectType: 'staff',
        subjectId: id,
        detail: {
          username: row.username,
          changed: Object.keys(input).filter(
            (key) => input[key as keyof StaffChangesInput] !== undefined,
          ),
          ...(changes.role ? { roleFrom: before.role, roleTo: changes.role } : {}),
        },
      },
    });
    return ok(toStaffView(row));
  });
}

export type ApiKeyView = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
};

function toApiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  return (await selectApiKeys(db)).map(toApiKeyView);
}

/** The secret is returned once; only its digest is kept. */
export async function createApiKey({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { name: string; role: string };
}): Promise<Result<{ apiKey: ApiKeyView; secret: string }>> {
  const name = input.name.trim();
  if (name === '' || name.length > 80)
    return fail('validation_failed', 'name must be 1–80 characters', { field: 'name' });
  if (!isRole(input.role)) return validateRole(input.role) as Result<never>;
  const role: Role = input.role;
  const prefix = randomToken(12)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .padEnd(8, 'x');
  const secret = randomToken(24);
  return inTransaction(deps.db, async (trx) => {
    const row = await insertApiKey(trx, {
      name,
      role,
      prefix,
      secretHash: sha256(secret),
      createdByStaffId: actor.kind === 'staff' ? actor.staffId : null,
    });
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: row.id,
        detail: { name, role },
      },
    });
    return ok({ apiKey: toApiKeyView(row), secret: `ck_${prefix}_${secret}` });
  });
}

export async function revokeKey({
  deps,
  actor,
  id,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
}): Promise<Result<true>> {
  return inTransaction(deps.db, async (trx) => {
    if (!(await revokeApiKey(trx, id, deps.now()))) {
      return fail('api_key_not_found', `No active API key with id ${id}`);
    }
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'api_key.revoked',
        subjectType: 'api_key',
        subjectId: id,
      },
    });
    return ok(true as const);
  });
}
