import { permissionsOf, type Permission, type Role } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findApiKeyByPrefix } from '../../store/api-keys.ts';
import { findOutlet, findRegister } from '../../store/outlets.ts';
import { deleteSession, findSession, insertSession } from '../../store/sessions.ts';
import { findStaffByUsername } from '../../store/staff.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { randomToken, sameDigest, sha256, verifySecret } from '../platform/secrets.ts';

export type SessionInfo = {
  staff: { id: string; username: string; displayName: string; role: Role };
  permissions: Permission[];
  method: 'password' | 'pin';
  outlet: { id: string; code: string; name: string } | null;
  register: { id: string; code: string; name: string } | null;
};

export type Authenticated = { actor: Actor; session: SessionInfo | null };

async function failedSignIn(deps: ServiceDeps, username: string, method: string, why: string) {
  await recordAudit({
    db: deps.db,
    actor: { kind: 'system', label: username.slice(0, 80) || '(blank)', role: 'admin' },
    entry: {
      action: 'auth.sign_in_failed',
      subjectType: 'staff',
      detail: { method, why },
    },
  });
  return fail('invalid_credentials', 'The username or the password/PIN is wrong');
}

async function startSession(
  deps: ServiceDeps,
  input: {
    staff: { id: string; username: string; displayName: string; role: Role };
    method: 'password' | 'pin';
    register: { id: string; code: string; name: string; outletId: string } | null;
    sessionHours: number;
  },
): Promise<{ token: string; session: SessionInfo; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(deps.now().getTime() + input.sessionHours * 3_600_000);
  await insertSession(deps.db, {
    tokenHash: sha256(token),
    staffId: input.staff.id,
    method: input.method,
    outletId: input.register?.outletId ?? null,
    registerId: input.register?.id ?? null,
    expiresAt,
  });
  const session = await describeSession(deps, {
    ...input.staff,
    method: input.method,
    outletId: input.register?.outletId ?? null,
    registerId: input.register?.id ?? null,
  });
  await recordAudit({
    db: deps.db,
    actor: actorOf(session),
    entry: {
      action: 'auth.signed_in',
      subjectType: 'staff',
      subjectId: input.staff.id,
      detail: { method: input.method, registerId: input.register?.id ?? null },
    },
  });
  return { token, session, expiresAt };
}

async function describeSession(
  deps: ServiceDeps,
  row: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    method: 'password' | 'pin';
    outletId: string | null;
    registerId: string | null;
  },
): Promise<SessionInfo> {
  const register = row.registerId ? await findRegister(deps.db, row.registerId) : undefined;
  const outlet = row.outletId ? await findOutlet(deps.db, row.outletId) : undefined;
  return {
    staff: { id: row.id, username: row.username, displayName: row.displayName, role: row.role },
    permissions: permissionsOf(row.role),
    method: row.method,
    outlet: outlet ? { id: outlet.id, code: outlet.code, name: outlet.name } : null,
    register: register ? { id: register.id, code: register.code, name: register.name } : null,
  };
}

export function actorOf(session: SessionInfo): Actor {
  return {
    kind: 'staff',
    staffId: session.staff.id,
    label: session.staff.username,
    role: session.staff.role,
    outletId: session.outlet?.id ?? null,
    registerId: session.register?.id ?? null,
  };
}

export async function signInWithPassword(
  deps: ServiceDeps,
  input: { username: string; password: string; sessionHours: number },
): Promise<Result<{ token: string; session: SessionInfo; expiresAt: Date }>> {
  const username = input.username.trim().toLowerCase();
  const staff = await findStaffByUsername(deps.db, username);
  const valid = await verifySecret(staff?.passwordHash ?? null, input.password);
  if (!staff || !valid)
    return failedSignIn(deps, username, 'password', staff ? 'wrong password' : 'unknown user');
  if (!staff.active) return failedSignIn(deps, username, 'password', 'account disabled');
  return ok(
    await startSession(deps, {
      staff,
      method: 'password',
      register: null,
      sessionHours: input.sessionHours,
    }),
  );
}

export async function signInWithPin(
  deps: ServiceDeps,
  input: { username: string; pin: string; registerId: string; sessionHours: number },
): Promise<Result<{ token: string; session: SessionInfo; expiresAt: Date }>> {
  const register = await findRegister(deps.db, input.registerId);
  if (!register || !register.active) {
    return fail('register_not_found', 'This till is not a known, active register', {
      field: 'registerId',
    });
  }
  const username = input.username.trim().toLowerCase();
  const staff = await findStaffByUsername(deps.db, username);
  const valid = await verifySecret(staff?.pinHash ?? null, input.pin);
  if (!staff || !valid)
    return failedSignIn(deps, username, 'pin', staff ? 'wrong pin' : 'unknown user');
  if (!staff.active) return failedSignIn(deps, username, 'pin', 'account disabled');
  return ok(
    await startSession(deps, { staff, method: 'pin', register, sessionHours: input.sessionHours }),
  );
}

export async function sessionFromToken(
  deps: ServiceDeps,
  token: string,
): Promise<SessionInfo | null> {
  const row = await findSession(deps.db, sha256(token), deps.now());
  if (!row || !row.staffActive) return null;
  return describeSession(deps, { id: row.staffId, ...row });
}

export async function signOut(deps: ServiceDeps, token: string): Promise<void> {
  await deleteSession(deps.db, sha256(token));
}

/** API keys look like `ck_<prefix>_<secret>`; the prefix finds the row, the secret's digest must match. */
export async function actorFromApiKey(deps: ServiceDeps, presented: string): Promise<Actor | null> {
  const match = /^ck_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(presented.trim());
  if (!match) return null;
  const key = await findApiKeyByPrefix(deps.db, match[1]!);
  if (!key || key.revokedAt !== null) return null;
  if (!sameDigest(key.secretHash, sha256(match[2]!))) return null;
  return { kind: 'api_key', apiKeyId: key.id, label: `api-key:${key.name}`, role: key.role };
}
