import { stringify } from 'csv-stringify/sync';
import type { ConsentDecision } from '../domain/consent.ts';
import { compactDigits, isCardNumber } from '../domain/customer-number.ts';
import { validateNewCustomer, type CustomerInput } from '../domain/customer.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { findCard, selectCardsOfCustomers } from '../store/customer-cards.ts';
import { selectSealedContacts } from '../store/customer-contacts.ts';
import { selectCustomerPage } from '../store/customers.ts';
import { selectCurrentConsents } from '../store/consents.ts';
import { inTransaction } from '../store/transaction.ts';
import { recordAudit } from './audit.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { parseCsvRows } from './csv-rows.ts';
import { insertValidatedCustomers, type BulkCustomer } from './customer-bulk.ts';
import { openContacts } from './customer-records.ts';
import { getShopSettings } from './settings.ts';

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

export type ImportLineOutcome =
  | { line: number; status: 'imported'; customerNumber: string; name: string }
  | { line: number; status: 'rejected'; code: string; field?: string; reason: string };

export type ImportReport = { imported: number; rejected: number; lines: ImportLineOutcome[] };

type CsvRow = Record<string, string>;

function yes(value: string | undefined): boolean | null {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return null;
  if (['yes', 'y', 'true', '1'].includes(text)) return true;
  if (['no', 'n', 'false', '0'].includes(text)) return false;
  return null;
}

function inputOf(row: CsvRow): CustomerInput {
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

function consentsOf(
  row: CsvRow,
  wording: { email?: string; sms?: string },
): Result<ConsentDecision[]> {
  const decisions: ConsentDecision[] = [];
  for (const channel of ['email', 'sms'] as const) {
    const raw = row[`${channel}_consent`];
    const granted = yes(raw);
    if (raw?.trim() && granted === null) {
      return fail('validation_failed', `${channel}_consent must be yes or no`, {
        field: `${channel}_consent`,
      });
    }
    if (granted === null) continue;
    const text = wording[channel];
    if (!text) {
      return fail(
        'validation_failed',
        `${channel}_consent needs the wording the customer agreed to (--${channel}-wording)`,
        {
          field: `${channel}_consent`,
        },
      );
    }
    decisions.push({ channel, granted, wording: text });
  }
  return ok(decisions);
}

/**
 * Imports customers from CSV. Every line is accounted for: imported (with the new
 * customer number) or rejected with the code and reason, never silently dropped.
 * Valid lines are written in batches, each batch in one transaction.
 */
export async function importCustomersCsv(
  deps: ServiceDeps,
  actor: Actor,
  csv: string,
  options: { emailWording?: string; smsWording?: string; source?: string } = {},
): Promise<Result<ImportReport>> {
  const parsed = parseCsvRows(csv);
  if (!parsed.ok) return parsed;
  const rows = parsed.value as CsvRow[];
  if (rows.length > 0 && !('name' in rows[0]!)) {
    return fail('validation_failed', 'The CSV needs a header line with at least a "name" column', {
      field: 'file',
    });
  }
  const settings = await getShopSettings(deps.db);
  const context = {
    defaultCountry: settings.defaultCountry,
    today: deps.now().toISOString().slice(0, 10),
  };
  const outcomes: ImportLineOutcome[] = [];
  const accepted: { line: number; customer: BulkCustomer }[] = [];
  const cardsInFile = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const line = index + 2; // line 1 is the header
    const reject = (failure: { code: string; message: string; field?: string }) =>
      outcomes.push({
        line,
        status: 'rejected',
        code: failure.code,
        reason: failure.message,
        ...(failure.field ? { field: failure.field } : {}),
      });
    const validated = validateNewCustomer(inputOf(row), context);
    if (!validated.ok) {
      reject(validated);
      continue;
    }
    const consents = consentsOf(row, {
      ...(options.emailWording ? { email: options.emailWording } : {}),
      ...(options.smsWording ? { sms: options.smsWording } : {}),
    });
    if (!consents.ok) {
      reject(consents);
      continue;
    }
    const card = row.card_number?.trim() ? compactDigits(row.card_number) : undefined;
    if (card !== undefined) {
      if (!isCardNumber(card)) {
        reject({
          code: 'invalid_card_number',
          message: `${card} is not a valid card number`,
          field: 'card_number',
        });
        continue;
      }
      if (cardsInFile.has(card) || (await findCard(deps.db, card))) {
        reject({
          code: 'card_already_linked',
          message: `card ${card} is already on a customer`,
          field: 'card_number',
        });
        continue;
      }
      cardsInFile.add(card);
    }
    accepted.push({
      line,
      customer: {
        changes: validated.value,
        consents: consents.value,
        ...(card ? { cardNumber: card } : {}),
      },
    });
  }
  for (let start = 0; start < accepted.length; start += 500) {
    const batch = accepted.slice(start, start + 500);
    const written = await inTransaction(deps.db, async (trx) =>
      ok(
        await insertValidatedCustomers(
          trx,
          deps,
          actor,
          batch.map((item) => item.customer),
          options.source ?? 'import',
        ),
      ),
    );
    if (!written.ok) return written;
    written.value.forEach((record, i) =>
      outcomes.push({
        line: batch[i]!.line,
        status: 'imported',
        customerNumber: record.number,
        name: record.name,
      }),
    );
  }
  outcomes.sort((a, b) => a.line - b.line);
  const imported = outcomes.filter((outcome) => outcome.status === 'imported').length;
  await recordAudit(deps.db, actor, {
    action: 'customers.imported',
    detail: { imported, rejected: outcomes.length - imported },
  });
  return ok({ imported, rejected: outcomes.length - imported, lines: outcomes });
}

export function importReportCsv(report: ImportReport): string {
  return stringify(
    report.lines.map((outcome) =>
      outcome.status === 'imported'
        ? [outcome.line, 'imported', outcome.customerNumber, '', '']
        : [outcome.line, 'rejected', '', outcome.code, outcome.reason],
    ),
    { header: true, columns: ['line', 'status', 'customer_number', 'code', 'reason'] },
  );
}

/**
 * Exports active customers with their contact details (decrypted): a personal-data
 * export, so it needs customer.export and is written to the audit log.
 */
export async function* exportCustomersCsv(deps: ServiceDeps, actor: Actor): AsyncGenerator<string> {
  yield stringify([], { header: true, columns: [...customerCsvColumns] });
  let exported = 0;
  for (let offset = 0; ; offset += 1000) {
    const { rows } = await selectCustomerPage(deps.db, { status: 'active', offset, limit: 1000 });
    if (rows.length === 0) break;
    const ids = rows.map((row) => row.id);
    const sealed = await selectSealedContacts(deps.db, ids);
    const cards = await selectCardsOfCustomers(deps.db, ids);
    const consents = await selectCurrentConsents(deps.db, ids);
    const consentOf = (id: string, channel: 'email' | 'sms') => {
      const found = consents.find((c) => c.customerId === id && c.channel === channel);
      return found ? (found.granted ? 'yes' : 'no') : '';
    };
    yield stringify(
      rows.map((row) => {
        const contacts = openContacts(deps.vault, sealed.get(row.id));
        return [
          row.number,
          row.name,
          contacts.phone ?? '',
          contacts.email ?? '',
          contacts.address?.line1 ?? '',
          contacts.address?.line2 ?? '',
          contacts.address?.city ?? '',
          contacts.address?.postcode ?? '',
          contacts.address?.country ?? '',
          contacts.birthday ?? '',
          row.preferences.sizes.join(', '),
          row.preferences.brands.join(', '),
          row.preferences.interests.join(', '),
          row.notes ?? '',
          cards.find((card) => card.customerId === row.id && card.status === 'active')?.number ??
            '',
          consentOf(row.id, 'email'),
          consentOf(row.id, 'sms'),
          row.createdAt.toISOString(),
        ];
      }),
    );
    exported += rows.length;
  }
  await recordAudit(deps.db, actor, { action: 'customers.exported', detail: { count: exported } });
}
