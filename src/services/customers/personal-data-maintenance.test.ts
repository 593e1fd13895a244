import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnly } from '../../../test/support/databases.ts';
import { serviceDeps } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { selectExistingTables } from '../../store/maintenance.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { personalDataTables, runMaintenance } from './personal-data-maintenance.ts';

const postgres = postgresOnly();

/**
 * A table a till is using is reported busy instead of stalling everything behind the
 * rewrite's exclusive lock. Only PostgreSQL has a second connection to hold a lock with.
 */
describe.runIf(postgres !== null)('maintenance beside a busy till on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await postgres!.open();
    deps = serviceDeps(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('rewrites every other table, names the busy one, and still checkpoints', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = deps.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE gift_cards IN ACCESS SHARE MODE`.execute(trx);
      locked();
      await held;
    });
    await lockTaken;
    try {
      const run = await runMaintenance(deps, { lockTimeoutMs: 300 });
      expect(run.busy).toEqual(['gift_cards']);
      const existing = await selectExistingTables(deps.db, personalDataTables);
      expect(run.rewritten).toEqual(existing.filter((table) => table !== 'gift_cards'));
      expect(run.rewritten).toContain('customers');
      expect(run.rewritten).not.toContain('gift_cards');
      expect(run.statisticsRewritten).toBe(false);
      expect(run.checkpointProblem).toBeNull();
    } finally {
      release();
      await holder;
    }
    const again = await runMaintenance(deps, { lockTimeoutMs: 300 });
    expect(again.busy).toEqual([]);
    expect(again.rewritten).toContain('gift_cards');
  });
});
