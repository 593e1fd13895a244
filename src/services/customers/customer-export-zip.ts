import { strToU8, zipSync } from 'fflate';
import { formatAmount } from '../../domain/money.ts';
import { customerExportCsvFiles, type ExportCsvFile } from './customer-export-csv.ts';
import type { CustomerExportDocument } from './customer-export-document.ts';

/** The forms the export leaves in: the JSON document, or the same as CSV files in a zip. */
export const customerExportFormats = ['json', 'zip'] as const;
export type CustomerExportFormat = (typeof customerExportFormats)[number];

/** What each file holds, for the README; a file not listed is a section added since. */
const fileDescriptions: Record<string, string> = {
  'customer.csv': 'the customer record: number, name, status, preferences, notes',
  'contacts.csv': 'phone, email, postal address and birthday, in clear',
  'cards.csv': 'loyalty cards linked to the customer, current and ended',
  'consents.csv': 'every marketing consent given or withdrawn, with its wording',
  'purchases.csv': 'one row per line bought, with its sale (number, time, totals)',
  'returns.csv': 'one row per line returned, with its return (number, time, totals)',
  'tenders.csv': 'how each purchase was paid and each return refunded',
  'gift_cards.csv': 'gift cards bought or used by the customer (last four digits only)',
  'gift_card_activities.csv': 'every movement on those gift cards',
  'store_credit.csv': 'every store credit movement, per currency',
  'points.csv': 'every loyalty points event',
  'groups.csv': 'customer groups the customer is in',
  'inferences.csv':
    'what the shop worked out rather than was told: scores, and the rules behind rule groups',
  'changes.csv': 'the history of changes to the customer record',
  'requests.csv': 'data-protection requests the customer made, and what was done',
  'audit.csv': 'every audit log entry that names the customer',
};

function balances(document: CustomerExportDocument): string[] {
  return [
    `Loyalty points: ${document.points.balance}`,
    ...document.storeCredit.map(
      (account) =>
        `Store credit: ${account.currency} ${formatAmount(account.balance, account.currency)}`,
    ),
    ...document.giftCards.map(
      (card) =>
        `Gift card ending ${card.numberEnding}: ${card.currency} ${formatAmount(card.balance, card.currency)} (${card.state})`,
    ),
  ];
}

/** The zip's README.txt: who exported what when, and how to read the files. */
export function customerExportReadme(
  document: CustomerExportDocument,
  files: readonly ExportCsvFile[],
): string {
  const { controller, customer } = document;
  return [
    `Personal data held about customer ${customer.number}`,
    '',
    `Controller: ${controller.name} (${controller.country})`,
    `Exported at: ${document.exportedAt} (UTC)`,
    `Schema version: ${document.schemaVersion} (the same content as the JSON export of that version)`,
    '',
    'Files (CSV, UTF-8, comma-separated, the first row names the columns):',
    ...files.map(
      (file) =>
        `  ${file.name.padEnd(26)}${fileDescriptions[file.name] ?? 'a further section of the export'}`,
    ),
    '',
    'How to read them:',
    '  - Times are ISO 8601 in UTC (2026-12-01T09:30:00.000Z); birthdays are dates (1990-05-17).',
    '  - An amount has two columns: <name>_minor is the whole number of minor units (pence, cents)',
    "    a program reads, <name> the same as a decimal (12.50) in the row's currency.",
    '  - An empty cell means no value. Lists and nested values are written as JSON,',
    '    except the preferred_* columns, which are joined with ", ".',
    '  - Text a spreadsheet would run as a formula (starting with = + - @) begins with an',
    "    apostrophe ('), so opening these files can never run anything.",
    '',
    'Balances at the time of export:',
    ...balances(document).map((line) => `  ${line}`),
    '',
  ].join('\r\n');
}

/** The export as a zip of CSV files and README.txt, each dated the export's time. */
export function customerExportZip(document: CustomerExportDocument): Uint8Array {
  const files = customerExportCsvFiles(document);
  const mtime = new Date(document.exportedAt);
  const entries: Record<string, Uint8Array> = {
    'README.txt': strToU8(customerExportReadme(document, files)),
  };
  for (const file of files) entries[file.name] = strToU8(file.csv);
  return zipSync(entries, { level: 6, mtime });
}

/**
 * `customer-<number>-export.zip`: the name the route and the web give the download. The
 * number goes into a header, so anything but a plain file-name character is replaced.
 */
export const customerExportZipName = (customerNumber: string) =>
  `customer-${customerNumber.replace(/[^A-Za-z0-9._-]/g, '_')}-export.zip`;
