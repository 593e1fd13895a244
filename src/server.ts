import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { deleteIdempotencyKeysBefore } from './store/idempotency.ts';
import { deleteExpiredSessions } from './store/sessions.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { seedDemoShopIfEmpty } from './services/demo/demo.ts';
import { createMailer } from './services/platform/mailer.ts';
import {
  describeInstance,
  trackJob,
  watchDatabasePool,
  watchLastBackup,
} from './services/platform/metrics.ts';
import { backupSourceFor, lastBackupAt } from './services/backups/backup.ts';
import { scheduleNightlyBackups, type NightlyBackups } from './services/backups/backup-schedule.ts';
import { runScheduledJobs } from './scheduled-jobs.ts';
import { startCampaignWorker } from './services/campaigns/campaign-worker.ts';
import { packageVersion as version } from './project-files.ts';

export type RunningServer = {
  url: string;
  /** Finishes what is in flight (requests, a scheduled run), then closes the database. */
  close: () => Promise<void>;
};

/**
 * The only listen(): opens the database, seeds the demo shop when empty, serves.
 * A stop asked for while it starts (`signal`) is honoured between steps: what was opened
 * is closed again, which releases the data directory, and null comes back.
 */
export async function startServer(
  config: Config,
  options: { logger: Logger; signal?: AbortSignal },
): Promise<RunningServer | null> {
  const { logger, signal } = options;
  const runtime = await openRuntime(config);
  let backups: NightlyBackups | null = null;
  try {
    if (signal?.aborted) return await closed(runtime);
    if (config.seedDemo) {
      const seeded = await seedDemoShopIfEmpty(runtime.deps, { log: (line) => logger.info(line) });
      if (seeded) printDemoSignIns(seeded.signIns);
    }
    if (signal?.aborted) return await closed(runtime);
    backups = scheduleNightlyBackups(backupSourceFor(config, runtime.database), { log: logger });
    const app = await buildApp({
      services: runtime.deps,
      settings: {
        sessionHours: config.sessionHours,
        secureCookies: config.secureCookies,
        signInRateLimitPerMinute: config.signInRateLimitPerMinute,
      },
      mailer: config.smtp ? createMailer(config.smtp) : null,
      logger,
      metricsToken: config.metricsToken,
      backups,
      idempotency: {
        // PGlite's data directory is locked by this process alone: after a restart, every
        // key claimed before it is dead. PostgreSQL may be shared: claims carry a lease.
        exclusiveDatabase: runtime.database.kind === 'pglite',
        testFault: config.testFault,
      },
    });
    describeInstance({ version, database: runtime.database.kind });
    watchDatabasePool(runtime.database.poolUse);
    watchLastBackup(() => lastBackupAt(runtime.deps));
    const upkeep = scheduleUpkeep(runtime, logger);
    const nightly = backups;
    const address = await app.listen({ port: config.port, host: config.host });
    // The campaign sender; PGlite's directory is this process's alone, so claims a crash
    // left behind are released at once (on PostgreSQL they wait for their lease).
    const campaigns = startCampaignWorker(runtime.deps, {
      exclusiveDatabase: runtime.database.kind === 'pglite',
      log: logger,
    });
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    return {
      url,
      close: async () => {
        // The database stays open until the last request and the last job are done.
        await Promise.all([app.close(), upkeep.stop(), nightly.stop(), campaigns.stop()]);
        watchLastBackup(null);
        await runtime.close();
      },
    };
  } catch (error) {
    await backups?.stop();
    await runtime.close();
    throw error;
  }
}

async function closed(runtime: Runtime): Promise<null> {
  await runtime.close();
  return null;
}

/**
 * Hourly upkeep: expired sessions and day-old idempotency answers swept; expiry of gift
 * cards, store credit and points and group upkeep run (and once shortly after start).
 * Each part is safe to repeat. `stop` lets a run in progress finish.
 */
function scheduleUpkeep(runtime: Runtime, logger: Logger): { stop: () => Promise<void> } {
  const db = runtime.deps.db;
  const inProgress = new Set<Promise<void>>();
  let stopping = false;
  const track = (job: string, work: () => Promise<void>) => () => {
    if (stopping) return;
    // Failures are logged where they happen and timed by trackJob; the timer goes on.
    const running = trackJob(job, work)
      .catch(() => undefined)
      .finally(() => inProgress.delete(running));
    inProgress.add(running);
  };
  const sweep = track('sweep', async () => {
    const now = new Date();
    // Retries come within minutes; a day of remembered answers is plenty.
    await Promise.all([
      deleteExpiredSessions(db, now),
      deleteIdempotencyKeysBefore(db, new Date(now.getTime() - 86_400_000)),
    ]).catch((error: unknown) => {
      logger.warn({ err: error }, 'sweep failed');
      throw error;
    });
  });
  const expire = track('upkeep', () =>
    runScheduledJobs(runtime.deps)
      .then((run) => logger.info({ run }, 'scheduled jobs ran'))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'scheduled jobs failed');
        throw error;
      }),
  );
  const timers = [
    setInterval(sweep, 3_600_000),
    setInterval(expire, 3_600_000),
    setTimeout(expire, 60_000),
  ];
  for (const timer of timers) timer.unref();
  return {
    stop: async () => {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(inProgress);
    },
  };
}

function printDemoSignIns(
  signIns: { role: string; username: string; password: string; pin: string }[],
): void {
  const lines = [
    '',
    'Demo shop created. Sign in at the till with username + PIN, or in the back office with the password:',
    ...signIns.map(
      (s) =>
        `  ${s.role.padEnd(10)} username ${s.username.padEnd(8)} password ${s.password.padEnd(14)} PIN ${s.pin}`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
