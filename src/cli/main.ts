import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import {
  DataDirectoryLockedError,
  DataDirectoryUnusableError,
  MasterKeyMismatchError,
} from '../runtime.ts';
import { checkCommandValues } from './command-values.ts';
import { registerCustomerCommands } from './customers.ts';
import { registerImportCommands } from './import.ts';
import { registerShopCommands } from './shop.ts';
import { registerStaffCommands } from './staff.ts';
import { registerStoredValueCommands } from './stored-value.ts';
import { registerLoyaltyCommands } from './loyalty.ts';
import { registerBackupCommands } from './backup.ts';
import { registerMaintenanceCommands } from './maintenance.ts';
import { registerInsightsModelCommands } from './insights-model.ts';
import { registerInsightsCommands } from './insights.ts';
import { CliFailure, printFailure, withRuntime } from './runtime.ts';
import { seedDemoShopIfEmpty } from '../services/demo/demo.ts';
import { packageVersion as version } from '../project-files.ts';

const program = new Command()
  .name('clientele')
  .description('Clientele: customer management for retail point of sale')
  .version(version, '-V, --version', 'print the version')
  .showHelpAfterError()
  // Every argument and option value passes the free-text rule before any command runs.
  .hook('preAction', (_program, command) => checkCommandValues(command));

program
  .command('serve')
  .description('serve the web app and API (PORT, HOST; DATABASE_URL or the embedded database)')
  .action(async () => {
    const config = loadConfig();
    // Loaded here: the other commands need no web server.
    const { serveUntilStopped } = await import('../serve.ts');
    process.exit(await serveUntilStopped(config));
  });

program
  .command('migrate')
  .description('run pending database migrations and exit')
  .action(() => withRuntime(async () => console.log('Database is up to date.')));

program
  .command('demo')
  .description('fill an empty database with the demo shop (staff, outlets, customers)')
  .addOption(new Option('--customers <n>', 'how many demo customers').default('2400'))
  .action((options: { customers: string }) =>
    withRuntime(async (runtime) => {
      const seeded = await seedDemoShopIfEmpty(runtime.deps, {
        log: (line) => console.log(line),
        customers: Number(options.customers),
      });
      if (!seeded) console.log('The database is not empty; nothing was added.');
      else
        for (const s of seeded.signIns)
          console.log(`${s.role}: ${s.username} / ${s.password} / PIN ${s.pin}`);
    }),
  );

registerShopCommands(program);
registerStaffCommands(program);
registerCustomerCommands(program);
registerImportCommands(program);
registerStoredValueCommands(program);
registerLoyaltyCommands(program);
registerBackupCommands(program);
registerMaintenanceCommands(program);
registerInsightsCommands(program);
// After any other insights commands: it adds fit and backtest to the same `insights`.
registerInsightsModelCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirectoryLockedError ||
    error instanceof DataDirectoryUnusableError ||
    error instanceof MasterKeyMismatchError
  ) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof CliFailure) {
    printFailure(error.problem);
    process.exit(1);
  }
  throw error;
}
