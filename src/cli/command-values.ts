import type { Command } from 'commander';
import { checkText, type TextKind } from '../domain/free-text.ts';
import { CliFailure } from './runtime.ts';

/**
 * Options whose values are codes, numbers or secrets rather than text kept as typed:
 * they skip only the card-number part of the rule (a PIN or a count is all digits).
 */
const identifierOptions = new Set([
  'code',
  'outlet',
  'register',
  'prefix',
  'first',
  'count',
  'customers',
  'pin',
  'password',
]);

function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** `label` is what the user typed (`--name`), `field` the name a failure is reported under. */
function check(text: string, label: string, field: string, kind: TextKind): void {
  const checked = checkText(text, label, kind);
  if (!checked.ok) throw new CliFailure({ code: checked.code, message: checked.message, field });
}

/**
 * The one place every command-line value passes the free-text rule (no NUL, no broken
 * character, no payment card number), so a new command or option cannot forget it.
 */
export function checkCommandValues(command: Command): void {
  command.registeredArguments.forEach((argument, index) => {
    for (const text of valuesOf(command.processedArgs[index]))
      check(text, argument.name(), argument.name(), 'free');
  });
  for (const option of command.options) {
    const name = option.attributeName();
    const label = option.long ?? option.short ?? name;
    const kind = identifierOptions.has(name) ? 'identifier' : 'free';
    for (const text of valuesOf(command.getOptionValue(name)))
      check(text, label, label.replace(/^-+/, ''), kind);
  }
}
