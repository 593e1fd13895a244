import { InvalidArgumentError, type Command } from 'commander';
import {
  pointsChoices,
  storeCreditChoices,
  type PointsChoice,
  type StoreCreditChoice,
} from '../domain/erasure.ts';
import { formatAmount } from '../domain/money.ts';
import { eraseCustomer, type ErasureReport } from '../services/customers/customer-erasure.ts';
import { systemActor } from '../services/platform/context.ts';
import { printFailure, withRuntime } from './runtime.ts';

const cliActor = { ...systemActor, label: 'cli' };

function oneOf<T extends string>(values: readonly T[], option: string) {
  return (value: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`${option} must be one of: ${values.join(', ')}`);
  };
}

function describe(report: ErasureReport): string[] {
  const lines = [`Customer ${report.number} erased at ${report.erasedAt.toISOString()}.`];
  for (const credit of report.storeCredit) {
    const amount = `${formatAmount(credit.amount, credit.currency)} ${credit.currency}`;
    const what = credit.outcome === 'paid_out' ? 'paid out' : 'forfeited';
    lines.push(`Store credit ${what}: ${amount}.`);
  }
  if (report.pointsForfeited > 0) lines.push(`Points forfeited: ${report.pointsForfeited}.`);
  lines.push(
    `Cards retired: ${report.cardsRetired}; gift cards unlinked: ${report.giftCardsUnlinked}.`,
  );
  const suppressed = [report.suppressed.email && 'email', report.suppressed.sms && 'SMS'];
  const channels = suppressed.filter((channel) => channel !== false);
  if (channels.length > 0) lines.push(`Marketing suppressed for: ${channels.join(', ')}.`);
  if (report.requestsClosed > 0) lines.push(`Erasure requests closed: ${report.requestsClosed}.`);
  lines.push('Run `clientele maintenance` to rewrite the tables that held the old values.');
  return lines;
}

/** `clientele customers erase <number>`: the admin's erasure from the shell, audited as the CLI. */
export function registerEraseCommand(customers: Command): void {
  customers
    .command('erase')
    .description(
      "erase one customer's personal data (GDPR art. 17); sales and ledgers stay without the name; cannot be undone",
    )
    .argument('<number>', 'the customer number')
    .requiredOption('--reason <text>', 'why the customer is erased (written to the audit log)')
    .option(
      '--store-credit <choice>',
      `what happens to store credit left: ${storeCreditChoices.join(' or ')}`,
      oneOf(storeCreditChoices, '--store-credit'),
    )
    .option(
      '--points <choice>',
      `what happens to points left: ${pointsChoices.join(' or ')}`,
      oneOf(pointsChoices, '--points'),
    )
    .action(
      (
        number: string,
        options: { reason: string; storeCredit?: StoreCreditChoice; points?: PointsChoice },
      ) =>
        withRuntime(async (runtime) => {
          const result = await eraseCustomer({
            deps: runtime.deps,
            actor: cliActor,
            customer: { number },
            input: {
              reason: options.reason,
              storeCredit: options.storeCredit,
              points: options.points,
            },
          });
          if (!result.ok) return printFailure(result);
          for (const line of describe(result.value)) console.log(line);
        }),
    );
}
