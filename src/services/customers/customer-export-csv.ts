import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../domain/spreadsheet-cell.ts';
import { formatAmount } from '../../domain/money.ts';
import type { CustomerExportDocument, ExportedSale } from './customer-export-document.ts';

/**
 * One customer's data export as CSV files (GDPR art. 20 asks for a "commonly used" format,
 * and a spreadsheet is what most people can open). The same content as the JSON document,
 * flattened: one file per section, one row per item. Pure: the route and the CLI zip it.
 *
 * The document may gain fields and sections: a field this mapping does not know becomes an
 * extra column (a nested value as JSON) and a section it does not know its own file, so a
 * newer document never loses data in the CSV form.
 */

export type ExportCsvFile = { name: string; csv: string };

type Row = Record<string, unknown>;

/** Sections a file below covers; any other key of the document gets a file of its own. */
const mappedSections = new Set([
  'schemaVersion',
  'exportedAt',
  'controller',
  'customer',
  'contacts',
  'cards',
  'consents',
  'purchases',
  'returns',
  'giftCards',
  'storeCredit',
  'points',
  'groups',
  'inferences',
  'changes',
  'requests',
  'campaigns',
  'audit',
]);

const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Text for one cell: dates ISO 8601, booleans as words, a nested value as JSON; text
 * that a spreadsheet would run as a formula (a name, a note) made plain text.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return spreadsheetSafe(JSON.stringify(value));
  return typeof value === 'string' ? spreadsheetSafe(value) : String(value);
}

/**
 * One row from an item of the document: its fields in snake_case, in order. An amount
 * (a key in `money`) gives two columns: `<key>_minor`, the integer a program reads, and
 * `<key>`, the same formatted in its currency ("12.50") for a person.
 */
function rowOf(
  source: object,
  options: { prefix?: string; currency?: string; money?: readonly string[]; omit?: string[] } = {},
): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(source)) {
    if (options.omit?.includes(key)) continue;
    const name = `${options.prefix ?? ''}${snake(key)}`;
    if (options.money?.includes(key) && typeof value === 'number' && options.currency) {
      row[`${name}_minor`] = value;
      row[name] = formatAmount(value, options.currency);
    } else row[name] = value;
  }
  return row;
}

/** The known columns first (so an empty file still has its header), then any new ones. */
function csvOf(columns: readonly string[], rows: readonly Row[]): string {
  const all = [...columns];
  for (const row of rows) for (const key of Object.keys(row)) if (!all.includes(key)) all.push(key);
  return stringify([all, ...rows.map((row) => all.map((column) => cell(row[column])))]);
}

const withMinor = (names: readonly string[]) => names.flatMap((name) => [`${name}_minor`, name]);

const saleMoney = ['subtotal', 'discountTotal', 'taxTotal', 'total'] as const;
const lineMoney = ['unitPrice', 'discount', 'tax', 'total'] as const;

const saleColumns = [
  'sale_id',
  'sale_number',
  'sale_kind',
  'sale_completed_at',
  'sale_currency',
  ...['sale_subtotal', 'sale_discount_total', 'sale_tax_total', 'sale_total'].flatMap((name) =>
    withMinor([name]),
  ),
  'sale_original_sale_id',
  'sale_reason',
  'sale_voided_at',
  'sale_points_earned',
  'sale_points_redeemed',
];

const lineColumns = [
  ...saleColumns,
  'line_no',
  'kind',
  'sku',
  'name',
  'category',
  'brand',
  'size',
  'colour',
  'quantity',
  ...withMinor(['unit_price', 'discount', 'tax', 'total']),
  'returned_quantity',
  'points_earned',
  'points_redeemed',
];

const tenderColumns = [...saleColumns, 'kind', ...withMinor(['amount'])];

/** The sale's own fields, repeated on each of its lines and tenders, prefixed `sale_`. */
function saleRow(sale: ExportedSale): Row {
  return rowOf(sale, {
    prefix: 'sale_',
    currency: sale.currency,
    money: saleMoney,
    omit: ['lines', 'tenders'],
  });
}

function lineRows(sales: readonly ExportedSale[]): Row[] {
  return sales.flatMap((sale) =>
    sale.lines.map((line) => ({
      ...saleRow(sale),
      ...rowOf(line, { currency: sale.currency, money: lineMoney }),
    })),
  );
}

function tenderRows(sales: readonly ExportedSale[]): Row[] {
  return sales.flatMap((sale) =>
    sale.tenders.map((tender) => ({
      ...saleRow(sale),
      ...rowOf(tender, { currency: sale.currency, money: ['amount'] }),
    })),
  );
}

function customerFile(document: CustomerExportDocument): string {
  const { preferences, ...profile } = document.customer;
  // Joined like the customer list's CSV export (src/services/customers/customer-csv.ts).
  const preferenceColumns = Object.fromEntries(
    Object.entries(preferences).map(([key, values]) => [
      `preferred_${snake(key)}`,
      Array.isArray(values) ? values.join(', ') : values,
    ]),
  );
  const row = {
    ...rowOf(profile, { omit: ['notes'] }),
    ...preferenceColumns,
    notes: profile.notes,
  };
  return csvOf(Object.keys(row), [row]);
}

function contactsFile(document: CustomerExportDocument): string {
  const { address, ...rest } = document.contacts;
  const row = {
    ...rowOf(rest, { omit: ['birthday'] }),
    ...rowOf(address ?? {}, { prefix: 'address_' }),
    birthday: rest.birthday,
  };
  const columns = [
    'phone',
    'email',
    'address_line1',
    'address_line2',
    'address_city',
    'address_postcode',
    'address_country',
    'birthday',
  ];
  return csvOf(columns, [row]);
}

function storedValueFiles(document: CustomerExportDocument): ExportCsvFile[] {
  const balance = withMinor(['balance']);
  const movement = ['at', 'kind', ...withMinor(['amount', 'balance_after'])];
  const cards = document.giftCards.map((card) =>
    rowOf(card, { currency: card.currency, money: ['balance'], omit: ['activities'] }),
  );
  const activities = document.giftCards.flatMap((card) =>
    card.activities.map((activity) => ({
      card_number_ending: card.numberEnding,
      currency: card.currency,
      ...rowOf(activity, { currency: card.currency, money: ['amount', 'balanceAfter'] }),
    })),
  );
  const credit = document.storeCredit.flatMap((account) =>
    account.entries.map((entry) => ({
      currency: account.currency,
      ...rowOf(entry, { currency: account.currency, money: ['amount', 'balanceAfter'] }),
    })),
  );
  const cardColumns = [
    'number_ending',
    'currency',
    'state',
    ...balance,
    'activated_at',
    'expires_at',
  ];
  return [
    { name: 'gift_cards.csv', csv: csvOf(cardColumns, cards) },
    {
      name: 'gift_card_activities.csv',
      csv: csvOf(['card_number_ending', 'currency', ...movement, 'sale_id', 'reason'], activities),
    },
    {
      name: 'store_credit.csv',
      csv: csvOf(['currency', ...movement, 'expires_at', 'sale_id', 'reason'], credit),
    },
  ];
}

/** Scores and the rules behind rule groups, one row each, `section` saying which. */
function inferenceRows(document: CustomerExportDocument): Row[] {
  return Object.entries(document.inferences).flatMap(([section, items]) =>
    Array.isArray(items)
      ? items.map((item: object) => ({ section: snake(section), ...rowOf(item) }))
      : [{ section: snake(section), value: items }],
  );
}

/** A section the mapping does not know yet: a list of items becomes rows, anything else one row. */
function unknownSectionFile(key: string, value: unknown): ExportCsvFile {
  const rows = (Array.isArray(value) ? value : [value]).map((item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? rowOf(item)
      : { value: item },
  );
  return { name: `${snake(key)}.csv`, csv: csvOf([], rows) };
}

/** Every section of the document as a CSV file with a header row, README.txt not included. */
export function customerExportCsvFiles(document: CustomerExportDocument): ExportCsvFile[] {
  const files: ExportCsvFile[] = [
    { name: 'customer.csv', csv: customerFile(document) },
    { name: 'contacts.csv', csv: contactsFile(document) },
    {
      name: 'cards.csv',
      csv: csvOf(
        ['number', 'status', 'linked_at', 'ended_at', 'replaced_by'],
        document.cards.map((card) => rowOf(card)),
      ),
    },
    {
      name: 'consents.csv',
      csv: csvOf(
        ['channel', 'granted', 'wording', 'at', 'source', 'staff_name', 'outlet_name'],
        document.consents.map((consent) => rowOf(consent)),
      ),
    },
    { name: 'purchases.csv', csv: csvOf(lineColumns, lineRows(document.purchases)) },
    { name: 'returns.csv', csv: csvOf(lineColumns, lineRows(document.returns)) },
    {
      name: 'tenders.csv',
      csv: csvOf(tenderColumns, tenderRows([...document.purchases, ...document.returns])),
    },
    ...storedValueFiles(document),
    {
      name: 'points.csv',
      csv: csvOf(
        ['at', 'kind', 'points', 'balance_after', 'sale_id', 'reason'],
        document.points.events.map((event) => rowOf(event)),
      ),
    },
    {
      name: 'groups.csv',
      csv: csvOf(
        ['id', 'name', 'kind', 'active', 'added_at'],
        document.groups.map((group) => rowOf(group)),
      ),
    },
    {
      name: 'inferences.csv',
      csv: csvOf(
        ['section', 'name', 'value', 'computed_at', 'group_id', 'group_name', 'rule'],
        inferenceRows(document),
      ),
    },
    {
      name: 'changes.csv',
      csv: csvOf(
        ['at', 'kind', 'fields'],
        document.changes.map((change) => rowOf(change)),
      ),
    },
    {
      name: 'requests.csv',
      csv: csvOf(
        ['kind', 'requested_at', 'requested_by', 'due_at', 'done_at', 'outcome', 'note'],
        document.requests.map((request) => rowOf(request)),
      ),
    },
    {
      name: 'campaigns.csv',
      csv: csvOf(
        ['campaign_id', 'campaign_name', 'state', 'reason', 'sent_at'],
        document.campaigns.map((message) => rowOf(message)),
      ),
    },
    {
      name: 'audit.csv',
      csv: csvOf(
        ['id', 'at', 'action', 'actor', 'subject_type', 'subject_id', 'detail'],
        document.audit.map((entry) => rowOf(entry)),
      ),
    },
  ];
  const extra = Object.entries(document).filter(([key]) => !mappedSections.has(key));
  return [...files, ...extra.map(([key, value]) => unknownSectionFile(key, value))];
}
