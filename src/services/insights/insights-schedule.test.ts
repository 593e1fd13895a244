import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { serviceDeps } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { lastNightlyStart, recomputeInsightsIfDue } from './insights-schedule.ts';

describe('the nightly start', () => {
  it('is today at 02:00 UTC once that has passed, else yesterday', () => {
    expect(lastNightlyStart(new Date('2026-12-01T05:00:00Z')).toISOString()).toBe(
      '2026-12-01T02:00:00.000Z',
    );
    expect(lastNightlyStart(new Date('2026-12-01T01:59:00Z')).toISOString()).toBe(
      '2026-11-30T02:00:00.000Z',
    );
  });
});

describe.each(testDatabases())('the nightly insights recompute on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  const clock = { now: new Date('2026-12-01T05:00:00Z') };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock.now });
  });
  afterAll(() => handle.close());

  it('runs once a night however often the hourly upkeep asks', async () => {
    expect(await recomputeInsightsIfDue(deps)).not.toBeNull();
    for (const hour of ['06', '12', '23']) {
      clock.now = new Date(`2026-12-01T${hour}:00:00Z`);
      expect(await recomputeInsightsIfDue(deps)).toBeNull();
    }
    clock.now = new Date('2026-12-02T02:30:00Z');
    expect(await recomputeInsightsIfDue(deps)).not.toBeNull();
    expect(await deps.db.selectFrom('insight_runs').select('id').execute()).toHaveLength(2);
  });
});
