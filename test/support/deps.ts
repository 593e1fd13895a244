import { createContactVault } from '../../src/services/platform/contact-vault.ts';
import type { Actor, ServiceDeps } from '../../src/services/platform/context.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { insertOutlet, insertRegister } from '../../src/store/outlets.ts';
import { insertStaff } from '../../src/store/staff.ts';
import argon2 from 'argon2';
import type { Role } from '../../src/domain/permissions.ts';

export const testMasterKey = Buffer.alloc(32, 7);

/** Real services on a real database; only the clock and the number draws are steerable. */
export function serviceDeps(
  handle: DatabaseHandle,
  options: { now?: () => Date } = {},
): ServiceDeps {
  let counter = 0;
  return {
    db: handle.db,
    vault: createContactVault(testMasterKey),
    now: options.now ?? (() => new Date()),
    concurrentReads: handle.kind === 'postgres' ? 2 : 1,
    randomInt: (min, max) => {
      // Deterministic but spread out, so tests do not depend on luck.
      counter += 1;
      return min + ((counter * 2_654_435_761) % (max - min));
    },
  };
}

export type TestShop = {
  outletId: string;
  registerId: string;
  staff: Record<Role, { id: string; username: string; password: string; pin: string }>;
  actors: Record<Role, Actor>;
};

const roles: Role[] = ['cashier', 'supervisor', 'marketer', 'admin', 'auditor'];

/**
 * The test staff's secrets, hashed once per test process with the smallest argon2id cost.
 * The cost is written in each hash, so the server's real verify checks these in a fraction
 * of a millisecond instead of ~150 ms of CPU: over the whole suite that was a minute of the
 * CI run spent on test sign-ins. Staff made through the services still get the real cost.
 */
const cheapHash = (secret: string) =>
  argon2.hash(secret, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
let testSecretHashes: Promise<{ passwordHash: string; pinHash: string }> | undefined;
const hashTestSecrets = async () => ({
  passwordHash: await cheapHash('correct-horse-1'),
  pinHash: await cheapHash('2580'),
});

/** An outlet, a register and one staff member per role, with known secrets. */
export async function createTestShop(deps: ServiceDeps): Promise<TestShop> {
  const outletId = await insertOutlet(deps.db, {
    code: 'TST',
    name: 'Test Outlet',
    currency: 'GBP',
    timeZone: 'Europe/London',
    settings: {},
  });
  const registerId = await insertRegister(deps.db, { outletId, code: 'TST-1', name: 'Till 1' });
  const { passwordHash, pinHash } = await (testSecretHashes ??= hashTestSecrets());
  const staff = {} as TestShop['staff'];
  const actors = {} as TestShop['actors'];
  for (const role of roles) {
    const row = await insertStaff(deps.db, {
      username: `${role}1`,
      displayName: `Test ${role}`,
      role,
      passwordHash,
      pinHash,
      homeOutletId: outletId,
    });
    staff[role] = { id: row.id, username: row.username, password: 'correct-horse-1', pin: '2580' };
    actors[role] = {
      kind: 'staff',
      staffId: row.id,
      label: row.username,
      role,
      outletId,
      registerId,
    };
  }
  return { outletId, registerId, staff, actors };
}
