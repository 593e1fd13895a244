import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { DataDirectoryLockedError, openRuntime, type Runtime } from '../runtime.ts';
import { systemActor } from '../services/platform/context.ts';
import {
  runMaintenance,
  type MaintenanceRun,
} from '../services/customers/personal-data-maintenance.ts';
import { CliFailure, printFailure } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

/** `clientele maintenance`: what erasure's guarantee for dead rows and the WAL needs. */
export function registerMaintenanceCommands(program: Command): void {
  program
    .command('maintenance')
    .description(
      'detach erased customers from sales past retention, rewrite the tables that held personal data (VACUUM FULL) and CHECKPOINT; locks each table while it runs',
    )
    .action(async () => {
      const runtime = await openForMaintenance();
      try {
        printRun(
          await runMaintenance(runtime.deps, {
            actor: cliActor,
            embedded: runtime.database.kind === 'pglite',
          }),
        );
      } finally {
        await runtime.close();
      }
    });
}

async function openForMaintenance(): Promise<Runtime> {
  try {
    return await openRuntime(loadConfig());
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    throw new CliFailure({
      code: 'data_directory_in_use',
      message:
        `${error.message} Rewriting tables needs the embedded database to itself: ` +
        'stop the server, run `clientele maintenance`, then start the server again.',
    });
  }
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function printRun(run: MaintenanceRun): void {
  const { retention } = run;
  console.log(
    `Retention (${retention.years} years, sales before ${retention.cutoff.toISOString().slice(0, 10)}): ` +
      `${count(retention.sales, 'sale')} and ${count(retention.saleLines, 'sale line')} of erased customers detached.`,
  );
  console.log(
    `Tables rewritten (VACUUM FULL): ${run.rewritten.length} (${run.rewritten.join(', ')}).`,
  );
  if (run.statisticsRewritten) console.log('Statistics rewritten (pg_statistic).');
  else if (run.busy.length === 0)
    console.log('Statistics not rewritten: pg_statistic needs a superuser (see the README).');
  if (run.checkpointProblem === null) console.log('Checkpoint done.');
  console.log(`Took ${(run.durationMs / 1000).toFixed(1)} s.`);
  if (run.busy.length > 0) {
    printFailure({
      code: 'tables_busy',
      message: `not rewritten, still in use after 30 s: ${run.busy.join(', ')}; run it again when the shop is quiet`,
    });
  }
  if (run.checkpointProblem !== null) {
    printFailure({
      code: 'checkpoint_refused',
      message: `${run.checkpointProblem}; grant the database user pg_checkpoint, or run CHECKPOINT as a superuser`,
    });
  }
}
