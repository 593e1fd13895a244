import type { Role } from '../domain/permissions.ts';
import type { Db } from './database.ts';

export type SessionRow = {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  staffActive: boolean;
  method: 'password' | 'pin';
  outletId: string | null;
  registerId: string | null;
  expiresAt: Date;
};

export async function insertSession(
  db: Db,
  session: {
    tokenHash: Buffer;
    staffId: string;
    method: 'password' | 'pin';
    outletId: string | null;
    registerId: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      staff_id: session.staffId,
      method: session.method,
      outlet_id: session.outletId,
      register_id: session.registerId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(
  db: Db,
  tokenHash: Buffer,
  now: Date,
): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'sessions.staff_id',
      'staff.username',
      'staff.display_name',
      'staff.role',
      'staff.active',
      'sessions.method',
      'sessions.outlet_id',
      'sessions.register_id',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row
    ? {
        staffId: row.staff_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        staffActive: row.active,
        method: row.method,
        outletId: row.outlet_id,
        registerId: row.register_id,
        expiresAt: row.expires_at,
      }
    : undefined;
}

export async function deleteSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfStaff(db: Db, staffId: string): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
