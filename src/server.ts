import pino from 'pino';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { deleteIdempotencyKeysBefore } from './store/idempotency.ts';
import { deleteExpiredSessions } from './store/sessions.ts';
import { openRuntime } from './runtime.ts';
import { seedDemoShopIfEmpty } from './services/demo.ts';
import { createMailer } from './services/mailer.ts';
import { runScheduledJobs } from './services/scheduled-jobs.ts';

/** The only listen(): opens the database, seeds the demo shop when empty, serves. */
export async function startServer(
  config: Config,
): Promise<{ close: () => Promise<void>; url: string }> {
  const logger = pino({ level: config.logLevel });
  const runtime = await openRuntime(config);
  try {
    if (config.seedDemo) {
      const seeded = await seedDemoShopIfEmpty(runtime.deps, { log: (line) => logger.info(line) });
      if (seeded) printDemoSignIns(seeded.signIns);
    }
    const app = await buildApp({
      services: runtime.deps,
      settings: {
        sessionHours: config.sessionHours,
        secureCookies: config.secureCookies,
        signInRateLimitPerMinute: config.signInRateLimitPerMinute,
      },
      mailer: config.smtp ? createMailer(config.smtp) : null,
      logger,
      idempotency: {
        // PGlite's data directory is locked by this process alone: after a restart, every
        // key claimed before it is dead. PostgreSQL may be shared: claims carry a lease.
        exclusiveDatabase: runtime.database.kind === 'pglite',
        testFault: config.testFault,
      },
    });
    const sweep = setInterval(() => {
      const now = new Date();
      // Retries come within minutes; a day of remembered answers is plenty.
      Promise.all([
        deleteExpiredSessions(runtime.deps.db, now),
        deleteIdempotencyKeysBefore(runtime.deps.db, new Date(now.getTime() - 86_400_000)),
      ]).catch((error: unknown) => logger.warn({ err: error }, 'sweep failed'));
    }, 3_600_000);
    sweep.unref();
    // Expiry and group upkeep run hourly (and once shortly after start); each is safe to repeat.
    const expire = () =>
      runScheduledJobs(runtime.deps)
        .then((run) => logger.info({ run }, 'scheduled jobs ran'))
        .catch((error: unknown) => logger.warn({ err: error }, 'scheduled jobs failed'));
    const expiry = setInterval(expire, 3_600_000);
    expiry.unref();
    const firstExpiry = setTimeout(expire, 60_000);
    firstExpiry.unref();
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    logger.info({ url, database: runtime.database.kind }, 'Clientele is serving');
    return {
      url,
      close: async () => {
        clearInterval(sweep);
        clearInterval(expiry);
        clearTimeout(firstExpiry);
        await app.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
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
