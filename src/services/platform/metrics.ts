import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUse } from '../../store/database.ts';

/**
 * The process's metrics, served in Prometheus text format at GET /metrics. None carries
 * personal data: labels are route patterns (never URLs, which can hold a phone number or a
 * card number), status codes and names from short fixed lists; values are counts, times
 * and sizes. Parts of the system that know a figure feed it through the functions below;
 * gauges that read something (the pool, the last backup) read it when scraped.
 */
const registry = new Registry();

export const metricsContentType = registry.contentType;

export function renderMetrics(): Promise<string> {
  return registry.metrics();
}

let processMetrics = false;
/** Node's own: CPU, memory, event-loop delay (PGlite's queries run on that loop), GC. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

const info = new Gauge({
  name: 'clientele_info',
  help: 'Always 1; the labels say which version runs on which kind of database',
  labelNames: ['version', 'database'],
  registers: [registry],
});

export function describeInstance(instance: { version: string; database: string }): void {
  info.reset();
  info.set(instance, 1);
}

const requestDuration = new Histogram({
  name: 'clientele_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern (never the URL) and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** `route` is the route's pattern (`/api/v1/customers/:id`), or null when none matched. */
export function observeRequest(request: {
  method: string;
  route: string | null;
  status: number;
  seconds: number;
}): void {
  requestDuration.observe(
    { method: request.method, route: request.route ?? 'unmatched', status: request.status },
    request.seconds,
  );
}

export type SaleSource = 'till' | 'api' | 'exchange';
export type RefundKind = 'return' | 'exchange' | 'void';

const sales = new Counter({
  name: 'clientele_sales_total',
  help: 'Sales written, by where they came from (a retry answered from the first is not counted)',
  labelNames: ['source'],
  registers: [registry],
});
const refunds = new Counter({
  name: 'clientele_refunds_total',
  help: 'Returns, the return halves of exchanges, and voids written (retries not counted)',
  labelNames: ['kind'],
  registers: [registry],
});
// Every series exists from the start, so a rate over a quiet shop is 0, not missing.
for (const source of ['till', 'api', 'exchange'] satisfies SaleSource[]) sales.inc({ source }, 0);
for (const kind of ['return', 'exchange', 'void'] satisfies RefundKind[]) refunds.inc({ kind }, 0);

/** Called by the sale services once a new sale has committed. */
export function countSale(source: SaleSource): void {
  sales.inc({ source });
}

/** Called by the return and void services once a new refund has committed. */
export function countRefund(kind: RefundKind): void {
  refunds.inc({ kind });
}

let readPool: (() => PoolUse) | null = null;

/** The server hands over how to read its database pool; read at each scrape. */
export function watchDatabasePool(read: (() => PoolUse) | null): void {
  readPool = read;
}

new Gauge({
  name: 'clientele_db_pool_connections',
  help: 'Database connections open in the pool, by state (PGlite has one)',
  labelNames: ['state'],
  registers: [registry],
  collect() {
    const use = readPool?.();
    if (!use) return;
    this.set({ state: 'in_use' }, use.total - use.idle);
    this.set({ state: 'idle' }, use.idle);
  },
});
new Gauge({
  name: 'clientele_db_pool_waiting_queries',
  help: 'Queries waiting for a pool connection (on PGlite: queued behind its one connection)',
  registers: [registry],
  collect() {
    this.set(readPool?.().waiting ?? 0);
  },
});

const jobsPending = new Gauge({
  name: 'clientele_jobs_pending',
  help: 'Background jobs due and not yet done, by job. Today jobs run on a timer, so this is 1 while one runs; once jobs go through a queue it also counts those waiting in it',
  labelNames: ['job'],
  registers: [registry],
});
const jobsLastRun = new Gauge({
  name: 'clientele_job_last_run_timestamp_seconds',
  help: 'When each background job last finished, by outcome (success or failure)',
  labelNames: ['job', 'outcome'],
  registers: [registry],
});

/** Runs a background job, counted as pending while it runs and timed when it ends. */
export async function trackJob<T>(job: string, work: () => Promise<T>): Promise<T> {
  jobsPending.inc({ job });
  let outcome: 'success' | 'failure' = 'failure';
  try {
    const result = await work();
    outcome = 'success';
    return result;
  } finally {
    jobsPending.dec({ job });
    jobsLastRun.set({ job, outcome }, Date.now() / 1000);
  }
}

let readLastBackup: (() => Promise<Date | null>) | null = null;
let lastBackup: Date | null = null;

/**
 * The backup side hands over how to find the newest backup's time (null: none yet); it is
 * read at each scrape, so a backup taken by another process (`clientele backup`) counts.
 */
export function watchLastBackup(read: (() => Promise<Date | null>) | null): void {
  readLastBackup = read;
}

let refreshing: Promise<void> | null = null;

/** One read per scrape, shared by the two gauges below (a scrape collects them together). */
function refreshLastBackup(): Promise<void> {
  refreshing ??= (async () => {
    if (!readLastBackup) return;
    // Unreadable (the database is down): keep what was last known rather than fail the scrape.
    lastBackup = await readLastBackup().catch(() => lastBackup);
  })().finally(() => (refreshing = null));
  return refreshing;
}

new Gauge({
  name: 'clientele_backup_last_success_timestamp_seconds',
  help: 'When the newest backup was taken; 0 when there is none',
  registers: [registry],
  async collect() {
    await refreshLastBackup();
    this.set(lastBackup ? lastBackup.getTime() / 1000 : 0);
  },
});
new Gauge({
  name: 'clientele_backup_age_seconds',
  help: 'Seconds since the newest backup was taken; +Inf when there is none',
  registers: [registry],
  async collect() {
    await refreshLastBackup();
    this.set(lastBackup ? (Date.now() - lastBackup.getTime()) / 1000 : Infinity);
  },
});
