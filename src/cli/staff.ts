import { Option, type Command } from 'commander';
import { roles } from '../domain/permissions.ts';
import { systemActor } from '../services/platform/context.ts';
import { createStaff } from '../services/staff/staff.ts';
import { printFailure, withRuntime } from './runtime.ts';

export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('staff accounts');
  staff
    .command('add')
    .description(
      'add a staff member (give a password for the back office, a PIN for the till, or both)',
    )
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--name <display name>', 'name shown on screens and in the audit log')
    .addOption(new Option('--role <role>', 'what they may do').choices(roles).makeOptionMandatory())
    .option('--password <password>', 'back-office password (8+ characters)')
    .option('--pin <pin>', 'till PIN (4-8 digits)')
    .action(
      (options: {
        username: string;
        name: string;
        role: string;
        password?: string;
        pin?: string;
      }) =>
        withRuntime(async (runtime) => {
          const result = await createStaff({
            deps: runtime.deps,
            actor: { ...systemActor, label: 'cli' },
            input: {
              username: options.username,
              displayName: options.name,
              role: options.role,
              ...(options.password !== undefined ? { password: options.password } : {}),
              ...(options.pin !== undefined ? { pin: options.pin } : {}),
            },
          });
          if (!result.ok) return printFailure(result);
          console.log(`Added ${result.value.username} (${result.value.role}).`);
        }),
    );
}
