import type { Client } from './campaigns-http.ts';
import { campaignProgress, runSearches, startCampaign } from './campaigns-http.ts';
import { spawnServer, watchMemory, type ServerChild } from './campaigns-server.ts';
import type { Sink } from './campaigns-sink.ts';
import { summarise, type Summary } from './stats.ts';

/**
 * One campaign, measured: searches with no campaign running; the campaign started as a
 * marketer; the same searches while it sends; kill -9 of the server at `killShare` of the
 * messages accepted; a restart; then the time to the next accepted message and to the
 * campaign's end; and the sink's count of who got what.
 */
export type CampaignRun = {
  recipients: number;
  /** Schedule -> first message accepted (the segment evaluated, 1 row per recipient). */
  startSeconds: number;
  beforeKill: { messages: number; perSecond: number; cpuMsPerMessage: number };
  afterRestart: { messages: number; perSecond: number };
  overallPerSecond: number;
  peakRssBytes: number;
  resume: { listenSeconds: number; firstMessageSeconds: number; finishSeconds: number };
  search: { idle: Summary; sending: Summary };
  sink: { accepted: number; missing: number; duplicates: [number, number][]; foreign: number };
  results: Record<string, unknown>;
};

type Run = {
  env: Record<string, string>;
  sink: Sink;
  recipients: number;
  searchTerms: readonly string[];
  signIn: (base: () => string) => Promise<{ marketer: Client; cashier: Client }>;
  log: (line: string) => void;
};

const killShare = 0.4;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()`, or fails after `seconds` with what the server said. */
async function waitFor(what: string, done: () => boolean, server: () => ServerChild, limit = 600) {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > limit * 1000) {
      throw new Error(`no ${what} within ${limit} s; server said:\n${server().stderr()}`);
    }
    await wait(5);
  }
}
const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;

export async function runCampaign(run: Run): Promise<CampaignRun> {
  const { sink, recipients, log } = run;
  let server: ServerChild = spawnServer(run.env);
  let base = await server.url;
  const { marketer, cashier } = await run.signIn(() => base);
  let memory = watchMemory(server);
  let peak = 0;

  await runSearches(cashier, run.searchTerms.slice(0, 30));
  const idle = await runSearches(cashier, run.searchTerms);
  log(`  searches with no campaign: ${idle.length}`);

  const killAt = Math.max(1, Math.floor(recipients * killShare));
  let killedAt: bigint | null = null;
  // The server's CPU per message, from the first acceptance to the kill: on a shared
  // machine it moves less with the neighbours' load than messages/s do.
  const cpu = { first: NaN, kill: NaN };
  sink.onAccepted((count) => {
    if (count === 1) cpu.first = server.cpuMs() ?? NaN;
    if (count < killAt || killedAt !== null) return;
    cpu.kill = server.cpuMs() ?? NaN;
    // The moment the sink accepted this message, before the sender can have marked it.
    const now = server.memory();
    if (now) peak = Math.max(peak, now.rss || 0, now.peak || 0);
    server.child.kill('SIGKILL');
    killedAt = process.hrtime.bigint();
  });

  const scheduled = process.hrtime.bigint();
  const id = await startCampaign(marketer);
  const warm = Math.min(killAt - 1, Math.ceil(recipients * 0.02));
  await waitFor(
    'first messages',
    () => sink.accepted() >= warm,
    () => server,
    120,
  );
  // One search per equal share of the messages between the warm-up and the kill, so the
  // searches sample the whole first part of the send, not its first seconds only.
  const share = (killAt - warm) / run.searchTerms.length;
  const pace = async (index: number) => {
    while (killedAt === null && sink.accepted() < warm + index * share) await wait(10);
  };
  const sending = await runSearches(cashier, run.searchTerms, () => killedAt !== null, pace).catch(
    (error: unknown) => {
      if (killedAt === null) throw error;
      return [];
    },
  );
  log(`  searches while sending: ${sending.length}`);
  await server.exited;
  peak = Math.max(peak, memory.stop());
  log(`  peak RSS of the server before the kill: ${Math.round(peak / 1048576)} MiB`);
  const killed = sink.accepted();
  log(`  killed with -9 after ${killed} accepted`);

  const restarted = process.hrtime.bigint();
  server = spawnServer(run.env);
  memory = watchMemory(server);
  base = await server.url;
  const listening = process.hrtime.bigint();
  await waitFor(
    'message after the restart',
    () => sink.accepted() > killed,
    () => server,
  );
  const firstAfter = sink.accepted() - 1;
  let progress = await campaignProgress(marketer, id);
  while (progress.state !== 'finished') {
    await wait(250);
    progress = await campaignProgress(marketer, id);
  }
  const finished = process.hrtime.bigint();
  const restartedPeak = memory.stop();
  log(`  peak RSS of the restarted server: ${Math.round(restartedPeak / 1048576)} MiB`);
  peak = Math.max(peak, restartedPeak);
  server.child.kill('SIGTERM');
  await server.exited;

  const at = (n: number) => sink.acceptedAt(n) ?? 0n;
  const total = sink.accepted();
  const lastBefore = killed - 1;
  return {
    recipients,
    startSeconds: seconds(scheduled, at(0)),
    beforeKill: {
      messages: killed,
      perSecond: lastBefore > 0 ? lastBefore / seconds(at(0), at(lastBefore)) : NaN,
      cpuMsPerMessage: (cpu.kill - cpu.first) / lastBefore,
    },
    afterRestart: {
      messages: total - killed,
      perSecond:
        total - 1 > firstAfter
          ? (total - 1 - firstAfter) / seconds(at(firstAfter), at(total - 1))
          : NaN,
    },
    overallPerSecond: total / seconds(scheduled, finished),
    peakRssBytes: peak,
    resume: {
      listenSeconds: seconds(restarted, listening),
      firstMessageSeconds: seconds(restarted, at(firstAfter)),
      finishSeconds: seconds(restarted, finished),
    },
    search: { idle: summarise(idle), sending: summarise(sending) },
    sink: { accepted: total, ...sink.check(recipients) },
    results: progress.results,
  };
}
