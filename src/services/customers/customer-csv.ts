import { stringify } from 'csv-stringify/sync';
import { ok, type Result } from '../../domain/result.ts';
import { findCard, selectCardsOfCustomers } from '../../store/customer-cards.ts';
import { selectSealedContacts } from '../../store/customer-contacts.ts';
import { isCardRetired } from '../../store/customer-erasure.ts';
import { selectCustomerPage } from '../../store/customers.ts';
import { selectCurrentConsents } from '../../store/consents.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { readCsvLines, type LineProblem } from '../platform/csv-rows.ts';
import {
  consentWithoutWording,
  customerCsvColumns,
  customerImportColumns,
  readCustomerLine,
  type ConsentWording,
} from './customer-csv-line.ts';
import { insertValidatedCustomers, type BulkCustomer } from './customer-bulk.ts';
import { openContacts } from './customer-records.ts';
import { getShopSettings } from '../shop/settings.ts';

export { customerCsvColumns };

export type ImportLineOutcome =
  | { line: number; status: 'imported'; customerNumber: string; name: string }
  | ({ line: number; status: 'rejected'; problems: LineProblem[] } & LineProblem);

export type ImportReport = { imported: number; rejected: number; lines: ImportLineOutcome[] };

/**
 * Imports customers from CSV. Every line is accounted for: imported (with the new
 * customer number) or rejected with the code and reason, never silently dropped.
 * Valid lines are written in batches, each batch in one transaction.
 */
export async function importCustomersCsv({
  deps,
  actor,
  csv,
  options = {},
}: {
  deps: ServiceDeps;
  actor: Actor;
  csv: string;
  options?: { emailWording?: string; smsWording?: string; source?: string };
}): Promise<Result<ImportReport>> {
  const read = readCsvLines(csv, customerImportColumns);
  if (!read.ok) return read;
  const wording: ConsentWording = {
    ...(options.emailWording ? { email: options.emailWording } : {}),
    ...(options.smsWording ? { sms: options.smsWording } : {}),
  };
  const unworded = consentWithoutWording(read.value, wording);
  if (!unworded.ok) return unworded;
  const settings = await getShopSettings(deps.db);
  const context = {
    defaultCountry: settings.defaultCountry,
    today: deps.now().toISOString().slice(0, 10),
  };
  const outcomes: ImportLineOutcome[] = [];
  const accepted: { line: number; customer: BulkCustomer }[] = [];
  const cardsInFile = new Set<string>();
  for (const csvLine of read.value) {
    const { customer, card, problems } = readCustomerLine({ csvLine, context, wording });
    if (card !== undefined && (cardsInFile.has(card) || (await findCard(deps.db, card)))) {
      problems.push({
        code: 'card_already_linked',
        field: 'card_number',
        reason: `card ${card} is already on a customer`,
      });
    } else if (card !== undefined && (await isCardRetired(deps.db, card))) {
      problems.push({
        code: 'card_retired',
        field: 'card_number',
        reason: `card ${card} belonged to an erased customer`,
      });
    }
    if (customer === null || problems.length > 0) {
      outcomes.push({ line: csvLine.line, status: 'rejected', ...problems[0]!, problems });
      continue;
    }
    if (card !== undefined) cardsInFile.add(card);
    accepted.push({ line: csvLine.line, customer });
  }
  for (let start = 0; start < accepted.length; start += 500) {
    const batch = accepted.slice(start, start + 500);
    const written = await inTransaction(deps.db, async (trx) =>
      ok(
        await insertValidatedCustomers({
          trx,
          deps,
          actor,
          items: batch.map((item) => item.customer),
          source: options.source ?? 'import',
        }),
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
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'customers.imported',
      detail: { imported, rejected: outcomes.length - imported },
    },
  });
  return ok({ imported, rejected: outcomes.length - imported, lines: outcomes });
}

/** The line-by-line report: a rejected line has one row per problem it has. */
export function importReportCsv(report: ImportReport): string {
  return stringify(
    report.lines.flatMap((outcome) =>
      outcome.status === 'imported'
        ? [[outcome.line, 'imported', outcome.customerNumber, '', '', '']]
        : outcome.problems.map((problem) => [
            outcome.line,
            'rejected',
            '',
            problem.code,
            problem.field ?? '',
            problem.reason,
          ]),
    ),
    { header: true, columns: ['line', 'status', 'customer_number', 'code', 'field', 'reason'] },
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
  await recordAudit({
    db: deps.db,
    actor,
    entry: { action: 'customers.exported', detail: { count: exported } },
  });
}
