import { describe, expect, it } from 'vitest';
import { renderMetrics, trackJob, watchLastBackup } from './metrics.ts';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === '+Inf' ? Infinity : Number(value);
}

describe('job metrics', () => {
  it('counts a job as pending while it runs and stamps its end by outcome', async () => {
    let release: () => void = () => undefined;
    const running = trackJob('upkeep', () => new Promise<void>((done) => (release = done)));
    expect(sample(await renderMetrics(), 'clientele_jobs_pending{job="upkeep"}')).toBe(1);
    release();
    await running;
    const after = await renderMetrics();
    expect(sample(after, 'clientele_jobs_pending{job="upkeep"}')).toBe(0);
    const stamp = sample(
      after,
      'clientele_job_last_run_timestamp_seconds{job="upkeep",outcome="success"}',
    );
    expect(Math.abs(stamp! - Date.now() / 1000)).toBeLessThan(5);

    await expect(
      trackJob('upkeep', () => Promise.reject(new Error('disk full'))),
    ).rejects.toThrow();
    const failed = await renderMetrics();
    expect(sample(failed, 'clientele_jobs_pending{job="upkeep"}')).toBe(0);
    expect(
      sample(failed, 'clientele_job_last_run_timestamp_seconds{job="upkeep",outcome="failure"}'),
    ).toBeGreaterThan(0);
  });
});

describe('backup metrics', () => {
  it('says +Inf and 0 with no backup, the age of the newest one, and keeps it when unreadable', async () => {
    watchLastBackup(async () => null);
    const none = await renderMetrics();
    expect(sample(none, 'clientele_backup_age_seconds')).toBe(Infinity);
    expect(sample(none, 'clientele_backup_last_success_timestamp_seconds')).toBe(0);

    const takenAt = new Date(Date.now() - 3_600_000);
    watchLastBackup(async () => takenAt);
    const one = await renderMetrics();
    expect(sample(one, 'clientele_backup_last_success_timestamp_seconds')).toBe(
      takenAt.getTime() / 1000,
    );
    expect(sample(one, 'clientele_backup_age_seconds')).toBeCloseTo(3600, -1);

    watchLastBackup(() => Promise.reject(new Error('database unreachable')));
    const unreadable = await renderMetrics();
    expect(sample(unreadable, 'clientele_backup_last_success_timestamp_seconds')).toBe(
      takenAt.getTime() / 1000,
    );
    watchLastBackup(null);
  });
});
