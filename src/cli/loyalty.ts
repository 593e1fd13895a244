import type { Command } from 'commander';
import { recomputeGroups } from '../services/customers/customer-groups.ts';
import { expirePoints } from '../services/loyalty/loyalty-expiry.ts';
import { withRuntime } from './runtime.ts';

export function registerLoyaltyCommands(program: Command): void {
  program
    .command('loyalty')
    .description('loyalty points')
    .command('expire')
    .description(
      'take expired points off (the server also does this hourly); running it twice changes nothing the second time',
    )
    .action(() =>
      withRuntime(async (runtime) => {
        const run = await expirePoints(runtime.deps);
        console.log(`points expired: ${run.points} from ${run.customers} customers`);
      }),
    );
  program
    .command('groups')
    .description('customer groups and tiers')
    .command('recompute')
    .description('bring rule-based groups (VIP, regulars) up to date now')
    .action(() =>
      withRuntime(async (runtime) => {
        for (const result of await recomputeGroups(runtime.deps)) {
          console.log(`${result.group}: ${result.joined} joined, ${result.left} left`);
        }
      }),
    );
}
