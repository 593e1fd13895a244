import { Option, type Command } from 'commander';
import { systemActor } from '../services/platform/context.ts';
import {
  addRegister,
  createOutlet,
  findOutletByCode,
  listOutlets,
} from '../services/shop/outlets.ts';
import { updateShopSettings } from '../services/shop/settings.ts';
import { printFailure, withRuntime } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

// The machine's own zone is the likeliest one for the shop it runs in.
const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** What an empty database needs before anyone can sell: the shop, an outlet, a register. */
export function registerShopCommands(program: Command): void {
  program
    .command('shop')
    .description('the shop as a whole')
    .command('set')
    .description("set the shop's name and the country its phone numbers are read in")
    .option('--name <name>', 'shop name, printed on receipts and cards')
    .option('--country <code>', 'two-letter country code, such as GB')
    .action((options: { name?: string; country?: string }) =>
      withRuntime(async (runtime) => {
        const result = await updateShopSettings({
          db: runtime.deps.db,
          actor: cliActor,
          changes: {
            ...(options.name !== undefined ? { shopName: options.name } : {}),
            ...(options.country !== undefined
              ? { defaultCountry: options.country.toUpperCase() }
              : {}),
          },
        });
        if (!result.ok) return printFailure(result);
        console.log(`Shop: ${result.value.shopName} (${result.value.defaultCountry})`);
      }),
    );

  const outlets = program.command('outlets').description('outlets (shops) and their registers');
  outlets
    .command('add')
    .description('add an outlet')
    .requiredOption('--code <code>', '2–10 letters or digits, such as MAIN')
    .requiredOption('--name <name>', 'name shown on screens and receipts')
    .requiredOption('--currency <code>', 'currency it sells in, such as GBP')
    .addOption(
      new Option('--time-zone <zone>', 'IANA time zone, such as Europe/London').default(
        localTimeZone,
      ),
    )
    .addOption(
      new Option('--pricing-mode <mode>', 'whether shelf prices include tax')
        .choices(['tax_inclusive', 'tax_exclusive'])
        .default('tax_inclusive'),
    )
    .action(
      (options: {
        code: string;
        name: string;
        currency: string;
        timeZone: string;
        pricingMode: 'tax_inclusive' | 'tax_exclusive';
      }) =>
        withRuntime(async (runtime) => {
          const result = await createOutlet({
            deps: runtime.deps,
            actor: cliActor,
            input: options,
          });
          if (!result.ok) return printFailure(result);
          const outlet = result.value;
          console.log(
            `Added outlet ${outlet.code} (${outlet.name}, ${outlet.currency}, ${outlet.timeZone}, ${outlet.pricingMode}).`,
          );
        }),
    );
  outlets
    .command('list')
    .description('list outlets and their registers')
    .action(() =>
      withRuntime(async (runtime) => {
        const all = await listOutlets(runtime.deps.db);
        if (all.length === 0) console.log('No outlets yet: add one with `clientele outlets add`.');
        for (const outlet of all) {
          console.log(`${outlet.code}  ${outlet.name}  ${outlet.currency}  ${outlet.timeZone}`);
          for (const register of outlet.registers)
            console.log(`  ${register.code}  ${register.name}`);
        }
      }),
    );

  program
    .command('registers')
    .description('tills of an outlet')
    .command('add')
    .description('add a register (till) to an outlet')
    .requiredOption('--outlet <code>', 'code of its outlet')
    .requiredOption('--code <code>', '2–20 letters, digits or dashes, such as MAIN-1')
    .requiredOption('--name <name>', 'name shown at sign-in, such as "Front till"')
    .action((options: { outlet: string; code: string; name: string }) =>
      withRuntime(async (runtime) => {
        const outlet = await findOutletByCode(runtime.deps.db, options.outlet);
        if (!outlet) {
          return printFailure({
            code: 'outlet_not_found',
            message: `No outlet ${options.outlet.toUpperCase()}; see \`clientele outlets list\``,
            field: 'outlet',
          });
        }
        const result = await addRegister({
          deps: runtime.deps,
          actor: cliActor,
          outletId: outlet.id,
          input: options,
        });
        if (!result.ok) return printFailure(result);
        console.log(
          `Added register ${result.value.code} (${result.value.name}) to ${outlet.code}.`,
        );
      }),
    );
}
