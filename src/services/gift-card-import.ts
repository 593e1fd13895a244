import { normaliseGiftCardNumber } from '../domain/gift-cards.ts';
import { parseAmount } from '../domain/money.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import {
  findGiftCardActivityByKey,
  findGiftCardByNumber,
  insertGiftCards,
} from '../store/gift-cards.ts';
import { newId } from '../store/ids.ts';
import { selectOutlets } from '../store/outlets.ts';
import { inTransaction } from '../store/transaction.ts';
import { recordAudit } from './audit.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { parseCsvRows } from './csv-rows.ts';
import { changeGiftCard } from './gift-card-ledger.ts';

export type GiftCardImportLine =
  | { line: number; status: 'imported'; number: string; balance: number }
  | { line: number; status: 'skipped'; number: string; reason: string }
  | { line: number; status: 'rejected'; code: string; field?: string; reason: string };

type ParsedRow = { number: string; balance: number; currency: string; expiresAt: Date | null };

function parseRow(row: Record<string, string>, defaultCurrency: string): Result<ParsedRow> {
  const number = normaliseGiftCardNumber(row.number ?? '', 'number');
  if (!number.ok) return number;
  const currency = (row.currency ?? '').trim().toUpperCase() || defaultCurrency;
  if (!/^[A-Z]{3}$/.test(currency)) {
    return fail('validation_failed', 'currency must be a code like GBP', { field: 'currency' });
  }
  const balance = parseAmount((row.balance ?? '').trim(), currency, 'balance');
  if (!balance.ok) return balance;
  const expiry = (row.expires_at ?? row.expires ?? '').trim();
  const expiresAt = expiry === '' ? null : new Date(expiry);
  if (expiresAt && Number.isNaN(expiresAt.getTime())) {
    return fail('validation_failed', 'expires_at must be a date like 2027-12-31', {
      field: 'expires_at',
    });
  }
  return ok({ number: number.value, balance: balance.value, currency, expiresAt });
}

/**
 * Brings in cards from an earlier system (columns: number, balance, currency, expires_at).
 * Each card gets one IMPORT activity keyed by its number, so running the file again
 * imports nothing twice; a number already in use here is rejected.
 */
export async function importGiftCardsCsv(
  deps: ServiceDeps,
  actor: Actor,
  csv: string,
): Promise<
  Result<{ imported: number; skipped: number; rejected: number; lines: GiftCardImportLine[] }>
> {
  const parsed = parseCsvRows(csv);
  if (!parsed.ok) return parsed;
  const rows = parsed.value;
  const defaultCurrency = (await selectOutlets(deps.db))[0]?.currency ?? 'GBP';
  const lines: GiftCardImportLine[] = [];
  for (const [index, row] of rows.entries()) {
    lines.push(await importRow(deps, actor, index + 2, row, defaultCurrency));
  }
  const count = (status: GiftCardImportLine['status']) =>
    lines.filter((line) => line.status === status).length;
  await recordAudit(deps.db, actor, {
    action: 'giftcards.imported',
    detail: { imported: count('imported'), skipped: count('skipped'), rejected: count('rejected') },
  });
  return ok({
    imported: count('imported'),
    skipped: count('skipped'),
    rejected: count('rejected'),
    lines,
  });
}

async function importRow(
  deps: ServiceDeps,
  actor: Actor,
  line: number,
  row: Record<string, string>,
  defaultCurrency: string,
): Promise<GiftCardImportLine> {
  const parsed = parseRow(row, defaultCurrency);
  if (!parsed.ok) {
    return {
      line,
      status: 'rejected',
      code: parsed.code,
      reason: parsed.message,
      ...(parsed.field ? { field: parsed.field } : {}),
    };
  }
  const { number, balance, currency, expiresAt } = parsed.value;
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
    return changeGiftCard(
      trx,
      card,
      { kind: 'IMPORT', amount: balance, expiresAt },
      {
        actor,
        outletId: null,
        saleId: null,
        reason: 'imported from the previous system',
        approvedByStaffId: null,
        idempotencyKey: key,
        requestHash: null,
        at: deps.now(),
      },
    );
  });
  if (!result.ok) {
    return { line, status: 'rejected', code: result.code, field: 'number', reason: result.message };
  }
  return { line, status: 'imported', number, balance };
}
