import type { ConsentChannel, ConsentDecision } from '../../domain/consent.ts';
import { compactDigits, isCardNumber } from '../../domain/customer-number.ts';
import {
  validateCustomerChanges,
  validateNewCustomer,
  type CustomerInput,
  type ValidationContext,
} from '../../domain/customer.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { BulkCustomer } from './customer-bulk.ts';
import {
  lineProblem,
  type CsvColumns,
  type CsvLine,
  type LineProblem,
} from '../platform/csv-rows.ts';

/** The columns of a customer CSV, for import and export alike. */
export const customerCsvColumns = [
  'number',
  'name',
  'phone',
  'email',
  'address_line1',
  'address_line2',
  'city',
  'postcode',
  'country',
  'birthday',
  'sizes',
  'brands',
  'interests',
  'notes',
  'card_number',
  'email_consent',
  'sms_consent',
  'created_at',
] as const;

/** `number` and `created_at` are the export's own and ignored, so an export reads back. */
export const customerImportColumns: CsvColumns = {
  required: ['name'],
  optional: customerCsvColumns.filter((column) => column !== 'name'),
};

export type ConsentWording = Partial<Record<ConsentChannel, string>>;

type Cells = Record<string, string>;

const addressColumns = ['address_line1', 'address_line2', 'city', 'postcode', 'country'];

// The domain names fields as the API does; a report names the CSV's columns.
const columnOfField: Record<string, string> = {
  address: 'address_line1',
  'address.line1': 'address_line1',
  'address.line2': 'address_line2',
  'address.city': 'city',
  'address.postcode': 'postcode',
  'address.country': 'country',
  'preferences.sizes': 'sizes',
  'preferences.brands': 'brands',
  'preferences.interests': 'interests',
};

export function yesOrNo(value: string | undefined): boolean | null {
  const text = (value ?? '').trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(text)) return true;
  if (['no', 'n', 'false', '0'].includes(text)) return false;
  return null;
}

function inputOf(row: Cells): CustomerInput {
  const text = (key: string) => (row[key]?.trim() ? row[key]!.trim() : null);
  const hasAddress = ['address_line1', 'city', 'postcode', 'country'].some(
    (key) => text(key) !== null,
  );
  return {
    name: row.name ?? '',
    phone: text('phone'),
    email: text('email'),
    address: hasAddress
      ? {
          line1: text('address_line1') ?? '',
          line2: text('address_line2'),
          city: text('city') ?? '',
          postcode: text('postcode') ?? '',
          country: text('country') ?? '',
        }
      : null,
    birthday: text('birthday'),
    notes: text('notes'),
    preferences: {
      sizes: row.sizes ?? '',
      brands: row.brands ?? '',
      interests: row.interests ?? '',
    },
  };
}

/** Each part of a customer checked on its own, so a line reports all that is wrong. */
function customerProblems(
  input: CustomerInput,
  context: ValidationContext,
  skip: Set<string>,
): LineProblem[] {
  const parts: [string[], CustomerInput][] = [
    [['name'], { name: input.name ?? '' }],
    [['phone'], { phone: input.phone ?? null }],
    [['email'], { email: input.email ?? null }],
    [addressColumns, { address: input.address ?? null }],
    [['birthday'], { birthday: input.birthday ?? null }],
    [['notes'], { notes: input.notes ?? null }],
    ...(['sizes', 'brands', 'interests'] as const).map((key): [string[], CustomerInput] => [
      [key],
      { preferences: { [key]: input.preferences?.[key] } },
    ]),
  ];
  return parts.flatMap(([columns, part]) => {
    if (columns.some((column) => skip.has(column))) return [];
    const checked = validateCustomerChanges(part, context);
    if (checked.ok) return [];
    const field = checked.field ? (columnOfField[checked.field] ?? checked.field) : undefined;
    return [{ ...lineProblem(checked), ...(field ? { field } : {}) }];
  });
}

function consentsOf(
  row: Cells,
  wording: ConsentWording,
  problems: LineProblem[],
): ConsentDecision[] {
  const decisions: ConsentDecision[] = [];
  for (const channel of ['email', 'sms'] as const) {
    const field = `${channel}_consent`;
    const raw = (row[field] ?? '').trim();
    if (raw === '') continue;
    const granted = yesOrNo(raw);
    if (granted === null) {
      problems.push({ code: 'validation_failed', field, reason: `${field} must be yes or no` });
      continue;
    }
    // A "yes" is only evidence with the wording agreed to (the file was refused without
    // it); a "no" is kept as a refusal whatever was shown.
    const text = wording[channel] ?? 'No wording given: imported as "no"';
    decisions.push({ channel, granted, wording: text });
  }
  return decisions;
}

function cardOf(row: Cells): Result<string | undefined> {
  if (!row.card_number?.trim()) return ok(undefined);
  const card = compactDigits(row.card_number);
  if (!isCardNumber(card)) {
    return fail('invalid_card_number', `${card} is not a valid card number`, {
      field: 'card_number',
    });
  }
  return ok(card);
}

/**
 * Reads one line of a customer CSV into a customer ready to write, or into every
 * problem it has (the free-text problems the reader found first).
 */
export function readCustomerLine({
  csvLine: { cells, problems: textProblems },
  context,
  wording,
}: {
  csvLine: CsvLine;
  context: ValidationContext;
  wording: ConsentWording;
}): { customer: BulkCustomer | null; card: string | undefined; problems: LineProblem[] } {
  const problems = [...textProblems];
  const skip = new Set(textProblems.flatMap((problem) => problem.field ?? []));
  const input = inputOf(cells);
  problems.push(...customerProblems(input, context, skip));
  const consents = consentsOf(cells, wording, problems);
  const card = skip.has('card_number') ? ok(undefined) : cardOf(cells);
  if (!card.ok) problems.push(lineProblem(card));
  const validated = validateNewCustomer(input, context);
  if (problems.length > 0 || !validated.ok || !card.ok) {
    if (!validated.ok && problems.length === 0) problems.push(lineProblem(validated));
    return { customer: null, card: card.ok ? card.value : undefined, problems };
  }
  return {
    customer: {
      changes: validated.value,
      consents,
      ...(card.value ? { cardNumber: card.value } : {}),
    },
    card: card.value,
    problems,
  };
}

/**
 * The lines whose consent says "yes" on a channel given no wording: the whole file is
 * refused then, since importing the rest and re-running would create them twice.
 */
export function consentWithoutWording(lines: CsvLine[], wording: ConsentWording): Result<void> {
  for (const channel of ['email', 'sms'] as const) {
    if (wording[channel]) continue;
    const saidYes = lines.filter((line) => yesOrNo(line.cells[`${channel}_consent`]) === true);
    if (saidYes.length === 0) continue;
    const listed = saidYes.slice(0, 10).map((line) => line.line);
    return fail(
      'validation_failed',
      `${channel}_consent is yes on line${listed.length > 1 ? 's' : ''} ${listed.join(', ')}` +
        `${saidYes.length > listed.length ? ` and ${saidYes.length - listed.length} more` : ''}: ` +
        `give the wording those customers agreed to (--${channel}-wording)`,
      { field: `${channel}_wording` },
    );
  }
  return ok(undefined);
}
