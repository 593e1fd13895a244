import { minor } from '../../domain/units.ts';
import { normaliseGiftCardNumber } from '../../domain/gift-cards.ts';
import { parseAmount } from '../../domain/money.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import {
  findGiftCardActivityByKey,
  findGiftCardByNumber,
  insertGiftCards,
} from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import { selectOutlets } from '../../store/outlets.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import {
  lineProblem,
  readCsvLines,
  type CsvColumns,
  type CsvLine,
  type LineProblem,
} from '../platform/csv-rows.ts';
import { changeGiftCard } from './gift-card-ledger.ts';

export type GiftCardImportLine =
  | { line: number; status: 'imported'; number: string; balance: number }
  | { line: number; status: 'skipped'; number: string; reason: string }
  | ({ line: number; status: 'rejected'; problems: LineProblem[] } & LineProblem);

type ParsedRow = { number: string; balance: number; currency: string; expiresAt: Date | null };

export const giftCardCsvColumns: CsvColumns = {
  required: ['number', 'balance'],
  optional: ['currency', 'expires_at', 'expires'],
};

/** Reads one line, collecting every problem it has rather than stopping at the first. */
function parseRow(
  row: Record<string, string>,
  defaultCurrency: string,
  problems: LineProblem[],
): ParsedRow | null {
  const known = new Set(problems.map((problem) => problem.field));
  const check = <T>(field: string, result: () => Result<T>): T | null => {
    if (known.has(field)) return null;
    const checked = result();
    if (checked.ok) return checked.value;
    problems.push(lineProblem(checked));
    return null;
  };
  const number = check('number', () => normaliseGiftCardNumber(row.number ?? '', 'number'));
  const currencyText = (row.currency ?? '').trim().toUpperCase() || defaultCurrency;
  const currency = check('currency', () =>
    /^[A-Z]{3}$/.test(currencyText)
      ? ok(currencyText)
      : fail('validation_failed', 'currency must be a code like GBP', { field: 'currency' }),
  );
  // A wrong currency must not hide a wrong balance: read it in the shop's currency then.
  const balance = check('balance', () =>
    parseAmount((row.balance ?? '').trim(), currency ?? defaultCurrency, 'balance'),
  );
  const expiryField = row.expires_at !== undefined ? 'expires_at' : 'expires';
  const expiresAt = check(expiryField, () => {
    const expiry = (row[expiryField] ?? '').trim();
    const date = expiry === '' ? null : new Date(expiry);
    return date && Number.isNaN(date.getTime())
      ? fail('validation_failed', `${expiryField} must be a date like 2027-12-31`, {
          field: expiryField,
        })
      : ok(date);
  });
  if (problems.length > 0 || number === null || currency === null || balance === null) {
    return null;
  }
  return { number, balance, currency, expiresAt };
}

/**
 * Brings in cards from an earlier system (columns: number, balance, currency, expires_at;
 * a wrong header is refused before any line is read).
 * Each card gets one IMPORT activity keyed by its number, so running the file again
 * imports nothing twice; a number already in use here is rejected.
 */
export async function importGiftCardsCsv({
  deps,
  actor,
  csv,
}: {
  deps: ServiceDeps;
  actor: Actor;
  csv: string;
}): Promise<
  Result<{ imported: number; skipped: number; rejected: number; lines: GiftCardImportLine[] }>
> {
  const read = readCsvLines(csv, giftCardCsvColumns);
  if (!read.ok) return read;
  const defaultCurrency = (await selectOutlets(deps.db))[0]?.currency ?? 'GBP';
  const lines: GiftCardImportLine[] = [];
  for (const line of read.value) lines.push(await importRow(deps, actor, line, defaultCurrency));
  const count = (status: GiftCardImportLine['status']) =>
    lines.filter((line) => line.status === status).length;
  await recordAudit({
    db: deps.db,
    actor,
    entry: {
      action: 'giftcards.imported',
      detail: {
        imported: count('imported'),
        skipped: count('skipped'),
        rejected: count('rejected'),
      },
    },
  });
  return ok({
    imported: count('imported'),
    skipped: count('skipped'),
    rejected: count('rejected'),
    lines,
  });
}

function rejected(line: number, problems: LineProblem[]): GiftCardImportLine {
  return { line, status: 'rejected', ...problems[0]!, problems };
}

async function importRow(
  deps: ServiceDeps,
  actor: Actor,
  { line, cells, problems }: CsvLine,
  defaultCurrency: string,
): Promise<GiftCardImportLine> {
  const found = [...problems];
  const parsed = parseRow(cells, defaultCurrency, found);
  if (!parsed) return rejected(line, found);
  const { number, balance, currency, expiresAt } = parsed;
  const key = `import:${number}`;
  if (await findGiftCardActivityByKey(deps.db, key)) {
    return { line, status: 'skipped', number, reason: 'already imported' };
  }
  const result = await inTransaction(deps.db, async (trx) => {
    await insertGiftCards(trx, [
      { id: newId(), number, currency, state: 'PENDING', digital: false, batchLabel: 'imported' },
    ]);
    const card = (await findGiftCardByNumber(trx, number))!;
    if (card.state !== 'PENDING' || card.currency !== currency) {
      return fail('gift_card_number_taken', 'a card with this number is already in use here', {
        field: 'number',
      });
    }
    return changeGiftCard({
      trx,
      card,
      operation: { kind: 'IMPORT', amount: minor(balance), expiresAt },
      context: {
        actor,
        outletId: null,
        saleId: null,
        reason: 'imported from the previous system',
        approvedByStaffId: null,
        idempotencyKey: key,
        requestHash: null,
        at: deps.now(),
      },
    });
  });
  if (!result.ok) return rejected(line, [{ ...lineProblem(result), field: 'number' }]);
  return { line, status: 'imported', number, balance };
}
