import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../store/database.ts';
import { selectPendingMigrations } from '../../store/migrate.ts';

export type Readiness = {
  ready: boolean;
  database: 'reachable' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
};

/**
 * Ready to serve: the database answers within the time given, and it has run every
 * migration this version knows (a newer version's extra ones do not matter to this one).
 * On PGlite the check waits its turn behind the queries queued on the one connection, so
 * a server too busy to answer it in time is, fairly, not ready.
 */
export async function checkReadiness(deps: { db: Db }, timeoutMs = 2_000): Promise<Readiness> {
  const timedOut = sleep(timeoutMs, 'timed out' as const, { ref: false });
  const pending = await Promise.race([selectPendingMigrations(deps.db), timedOut]).catch(
    () => 'failed' as const,
  );
  if (pending === 'timed out' || pending === 'failed') {
    return { ready: false, database: 'unreachable', migrations: 'unknown' };
  }
  return pending.length === 0
    ? { ready: true, database: 'reachable', migrations: 'current' }
    : { ready: false, database: 'reachable', migrations: 'pending' };
}
