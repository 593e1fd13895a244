import type { Role } from '../domain/permissions.ts';
import type { Db } from './database.ts';
import { newId } from './ids.ts';

export type ApiKeyRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  secretHash: Buffer;
  createdAt: Date;
  revokedAt: Date | null;
};

export async function insertApiKey(
  db: Db,
  key: {
    name: string;
    role: Role;
    prefix: string;
    secretHash: Buffer;
    createdByStaffId: string | null;
  },
): Promise<ApiKeyRow> {
  const row = await db
    .insertInto('api_keys')
    .values({
      id: newId(),
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      created_by_staff_id: key.createdByStaffId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiKeyRow(row);
}

function toApiKeyRow(row: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  secret_hash: Buffer;
  created_at: Date;
  revoked_at: Date | null;
}): ApiKeyRow {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function findApiKeyByPrefix(db: Db, prefix: string): Promise<ApiKeyRow | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('prefix', '=', prefix)
    .executeTakeFirst();
  return row ? toApiKeyRow(row) : undefined;
}

export async function selectApiKeys(db: Db): Promise<ApiKeyRow[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toApiKeyRow);
}

export async function revokeApiKey(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
