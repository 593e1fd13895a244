import type { Command } from 'commander';
import { recomputeInsights, type InsightRun } from '../services/insights/insights-recompute.ts';
import { insightsCommand } from './insights-model.ts';
import { withRuntime } from './runtime.ts';

/**
 * `clientele insights recompute`: the nightly recompute by hand (safe to repeat; the
 * till keeps selling meanwhile). Prints which method was used and why, and the counts.
 */
export function registerInsightsCommands(program: Command): void {
  insightsCommand(program)
    .command('recompute')
    .description(
      "recompute every customer's insight scores now (the server does it nightly); safe to repeat",
    )
    .action(() =>
      withRuntime(async (runtime) => {
        printRun(await recomputeInsights(runtime.deps));
      }),
    );
}

function printRun(run: InsightRun): void {
  const method =
    run.method === 'model'
      ? `model ${run.modelVersion}`
      : `rule ${run.modelVersion} (${run.fallbackReason ?? 'no reason recorded'})`;
  console.log(`Insights recomputed for ${run.asOf}: ${method}.`);
  if (run.params) {
    const params = Object.entries(run.params)
      .map(([name, value]) => `${name}=${Number(value.toPrecision(4))}`)
      .join(' ');
    console.log(
      `Parameters (time in days): ${params}${run.converged ? '' : ' — did not converge'}.`,
    );
  }
  console.log(
    `${run.customers} customers scored, ${run.lapsed} lapsed, ${run.removed} old rows removed, ` +
      `${run.birthdaysIndexed} birthdays indexed; ${run.historyDays} days of history; ${run.durationMs} ms ` +
      `(read ${Math.round(run.phasesMs.read)} ms, fit and rank ${Math.round(run.phasesMs.fit)} ms, ` +
      `write ${Math.round(run.phasesMs.write)} ms).`,
  );
}
