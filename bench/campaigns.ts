import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type DatabaseHandle } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import type { BenchArgs } from './args.ts';
import { describeUrl, openFreshPostgres } from './bench-database.ts';
import { signInStaff } from './campaigns-http.ts';
import { runCampaign, type CampaignRun } from './campaigns-run.ts';
import { benchDeps, createBenchShop, loadRecipients } from './campaigns-setup.ts';
import { startSink } from './campaigns-sink.ts';
import { configureTestMail } from '../test/support/campaigns.ts';
import { formatMs, formatTable } from './stats.ts';

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/clientele_bench_campaigns';
const log = (line: string) => console.log(line);
const load1 = () => Number(loadavg()[0]?.toFixed(2));

type Engine = 'postgres' | 'pglite';
type EngineResult = CampaignRun & {
  engine: Engine;
  loadSeconds: number;
  load: { start: number; end: number };
};

/** The database the server child will open, filled in this process first. */
async function prepare(
  engine: Engine,
  url: string,
): Promise<{ handle: DatabaseHandle; env: Record<string, string>; remove: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-bench-campaigns-'));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'postgres') {
    const handle = await openFreshPostgres(url, 4);
    return { handle, env: { DATABASE_URL: url, CLIENTELE_DATA_DIR: dataDir }, remove };
  }
  const handle = await openPglite({ dataDir });
  await migrateToLatest(handle.db);
  return { handle, env: { DATABASE_URL: '', CLIENTELE_DATA_DIR: dataDir }, remove };
}

async function runEngine(engine: Engine, url: string, recipients: number): Promise<EngineResult> {
  log(`\n${engine}: ${recipients.toLocaleString('en-GB')} recipients`);
  const masterKey = randomBytes(32);
  const { handle, env, remove } = await prepare(engine, url);
  const sink = await startSink(recipients);
  try {
    const deps = benchDeps(handle, masterKey);
    const shop = await createBenchShop(deps);
    // The highest rate the settings allow: the bench measures the sender, not the limit.
    await configureTestMail(deps, { admin: shop.admin, port: sink.port, ratePerSecond: 500 });
    const loaded = await loadRecipients(deps, {
      count: recipients,
      concurrency: engine === 'postgres' ? 2 : 1,
      log,
    });
    log(`  loaded in ${loaded.seconds.toFixed(0)} s`);
    await handle.close();
    const start = load1();
    const run = await runCampaign({
      env: { ...env, CLIENTELE_MASTER_KEY: masterKey.toString('hex') },
      sink,
      recipients,
      searchTerms: loaded.searchTerms.slice(0, 300),
      signIn: (base) => signInStaff(base, shop),
      log,
    });
    return { engine, loadSeconds: loaded.seconds, load: { start, end: load1() }, ...run };
  } finally {
    await sink.close();
    remove();
  }
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const fixed = (value: number, digits = 1) => (Number.isNaN(value) ? '-' : value.toFixed(digits));

function report(results: EngineResult[]): void {
  const rows = (pick: (r: EngineResult) => string) => results.map(pick);
  const table: [string, ...string[]][] = [
    ['messages/s before the kill', ...rows((r) => fixed(r.beforeKill.perSecond))],
    ['server CPU ms per message', ...rows((r) => fixed(r.beforeKill.cpuMsPerMessage, 2))],
    ['messages/s after the restart', ...rows((r) => fixed(r.afterRestart.perSecond))],
    ['messages/s overall (schedule -> finished)', ...rows((r) => fixed(r.overallPerSecond))],
    ['schedule -> first message (s)', ...rows((r) => fixed(r.startSeconds, 2))],
    ['peak RSS of the server (MiB)', ...rows((r) => mib(r.peakRssBytes))],
    ['restart -> serving (s)', ...rows((r) => fixed(r.resume.listenSeconds, 2))],
    [
      'restart -> next message accepted (s)',
      ...rows((r) => fixed(r.resume.firstMessageSeconds, 2)),
    ],
    ['restart -> campaign finished (s)', ...rows((r) => fixed(r.resume.finishSeconds, 1))],
    [
      'till search p50 idle / sending (ms)',
      ...rows((r) => `${formatMs(r.search.idle.p50)} / ${formatMs(r.search.sending.p50)}`),
    ],
    [
      'till search p95 idle / sending (ms)',
      ...rows((r) => `${formatMs(r.search.idle.p95)} / ${formatMs(r.search.sending.p95)}`),
    ],
    [
      'till search p99 idle / sending (ms)',
      ...rows((r) => `${formatMs(r.search.idle.p99)} / ${formatMs(r.search.sending.p99)}`),
    ],
    ['searches idle / sending', ...rows((r) => `${r.search.idle.n} / ${r.search.sending.n}`)],
    ['accepted by the sink', ...rows((r) => String(r.sink.accepted))],
    ['recipients missing', ...rows((r) => String(r.sink.missing))],
    ['recipients received twice', ...rows((r) => String(r.sink.duplicates.length))],
    ['1-min load start / end', ...rows((r) => `${r.load.start} / ${r.load.end}`)],
  ];
  log('');
  log(formatTable(['campaign', ...results.map((r) => r.engine)], table));
}

/** Exactly once, as the README promises: everyone once, at most one twice (the one in flight). */
function verify(result: EngineResult): string[] {
  const problems: string[] = [];
  const { sink } = result;
  if (sink.missing > 0) problems.push(`${result.engine}: ${sink.missing} recipients got nothing`);
  if (sink.foreign > 0) problems.push(`${result.engine}: ${sink.foreign} messages to strangers`);
  if (sink.duplicates.length > 1 || sink.duplicates.some(([, n]) => n > 2)) {
    problems.push(`${result.engine}: duplicates ${JSON.stringify(sink.duplicates.slice(0, 10))}`);
  }
  if (result.results.sent !== result.recipients) {
    problems.push(`${result.engine}: ${String(result.results.sent)} marked sent`);
  }
  return problems;
}

export async function runCampaignsBench(args: BenchArgs): Promise<void> {
  const recipients = args.number('recipients', 100_000);
  const url = process.env.BENCH_CAMPAIGNS_DATABASE_URL ?? defaultUrl;
  const engines: Engine[] = [
    ...(args.flag('skip-postgres') ? [] : ['postgres' as const]),
    ...(args.flag('skip-pglite') ? [] : ['pglite' as const]),
  ];
  log(
    `campaigns bench: ${recipients.toLocaleString('en-GB')} recipients, ${cpus().length} cores,` +
      ` 1-min load ${load1()}` +
      (engines.includes('postgres') ? `; PostgreSQL ${describeUrl(url)}` : ''),
  );
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await runEngine(engine, url, recipients));
  report(results);
  const problems = results.flatMap(verify);
  console.log(
    JSON.stringify({
      bench: 'campaigns',
      recipients,
      cores: cpus().length,
      results: results.map(({ results: counts, sink, ...rest }) => ({
        ...rest,
        sink: { ...sink, duplicates: sink.duplicates.slice(0, 10) },
        sent: counts.sent,
      })),
      problems,
    }),
  );
  if (problems.length > 0) {
    log(`\nNOT exactly once:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}
