import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirectoryLockedError } from '../runtime.ts';
import { registerCustomerCommands } from './customers.ts';
import { registerImportCommands } from './import.ts';
import { registerStaffCommands } from './staff.ts';
import { registerStoredValueCommands } from './stored-value.ts';
import { registerLoyaltyCommands } from './loyalty.ts';
import { withRuntime } from './runtime.ts';
import { startServer } from '../server.ts';
import { seedDemoShopIfEmpty } from '../services/demo.ts';

const program = new Command()
  .name('clientele')
  .description('Clientele: customer management for retail point of sale')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the web app and API (PORT, HOST; DATABASE_URL or the embedded database)')
  .action(async () => {
    const server = await startServer(loadConfig());
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
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

registerStaffCommands(program);
registerCustomerCommands(program);
registerImportCommands(program);
registerStoredValueCommands(program);
registerLoyaltyCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
