import type { Role } from '../../domain/permissions.ts';
import type { Db } from '../../store/database.ts';
import type { ContactVault } from './contact-vault.ts';

/** What every use case needs, passed explicitly: no container, no globals. */
export type ServiceDeps = {
  db: Db;
  vault: ContactVault;
  now: () => Date;
  randomInt: (min: number, max: number) => number;
  /**
   * Connections one long read (the nightly insights) may use at once: 2 on PostgreSQL,
   * whose server can spread them over its cores; 1 (the default) on the embedded
   * database, whose single connection everything shares.
   */
  concurrentReads?: number;
};

/** Who is acting: a signed-in staff member, an integration's API key, or the system itself. */
export type Actor =
  | {
      kind: 'staff';
      staffId: string;
      label: string;
      role: Role;
      outletId: string | null;
      registerId: string | null;
    }
  | { kind: 'api_key'; apiKeyId: string; label: string; role: Role }
  | { kind: 'system'; label: string; role: 'admin' };

export const systemActor: Actor = { kind: 'system', label: 'system', role: 'admin' };

export function actorColumns(actor: Actor): {
  actorStaffId: string | null;
  actorApiKeyId: string | null;
  outletId: string | null;
} {
  return {
    actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
    actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
    outletId: actor.kind === 'staff' ? actor.outletId : null,
  };
}
